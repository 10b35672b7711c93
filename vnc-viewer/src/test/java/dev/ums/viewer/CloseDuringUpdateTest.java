package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.io.BlockInputStream;
import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A session closed in the middle of a long update decodes none of the update's rectangles that were still to come,
 * even when the stream goes on delivering them: bytes that had arrived before the close wait in the session's own
 * buffer (64 KiB: some 4,000 Tight fills) and in whatever carries the stream (TLS records, WebSocket frames), and
 * closing such a stream need not make its reads fail.
 */
class CloseDuringUpdateTest {
    private static final int BEFORE_CLOSE = 100;
    private static final int AFTER_CLOSE = 20_000;

    @Test
    void aSessionClosedInTheMiddleOfAnUpdateDecodesNoFurtherRectangle() throws Exception {
        Bytes before = ScriptedServer.greeting(64, 48).u8(0, 0).u16(BEFORE_CLOSE + AFTER_CLOSE);
        fills(before, BEFORE_CLOSE);
        Bytes after = new Bytes();
        fills(after, AFTER_CLOSE);
        ArrivedBeforeClose server = new ArrivedBeforeClose(before.toArray(), after.toArray());
        VncSession session = new VncSession(server, new ByteArrayOutputStream(), VncSettings.defaults()).start();
        assertThat(server.waiting.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(session.rectangleCount(Encoding.TIGHT)).isEqualTo(BEFORE_CLOSE);

        session.close();

        assertThat(session.awaitClosed(60, TimeUnit.SECONDS)).isTrue();
        assertThat(session.error()).isNull();
        assertThat(session.rectangleCount(Encoding.TIGHT)).isEqualTo(BEFORE_CLOSE);
    }

    /** Tight fills of one pixel each, a colour per rectangle: cheap, and far below the update's paint bound. */
    private static void fills(Bytes b, int count) {
        for (int i = 0; i < count; i++) {
            b.u16(i % 64, 0, 1, 1).s32(7).u8(0x80).tpixel(i);
        }
    }

    /**
     * Serves {@code before}, then waits until it is closed, and then serves {@code after} and ends: the bytes that had
     * arrived by the time of the close. It waits through interrupts, as a stream reading from a buffer may.
     */
    private static final class ArrivedBeforeClose extends BlockInputStream {
        final CountDownLatch waiting = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private final byte[] before;
        private final byte[] after;
        private int pos;

        ArrivedBeforeClose(byte[] before, byte[] after) {
            this.before = before;
            this.after = after;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == before.length) {
                waiting.countDown();
                awaitClose();
            }
            byte[] source = pos < before.length ? before : after;
            int at = pos < before.length ? pos : pos - before.length;
            if (at >= source.length) {
                return -1;
            }
            int n = Math.min(len, source.length - at);
            System.arraycopy(source, at, b, off, n);
            pos += n;
            return n;
        }

        private void awaitClose() {
            while (true) {
                try {
                    closed.await();
                    return;
                } catch (InterruptedException e) {
                    // The session interrupts its reader as it closes; the bytes that arrived are still served.
                }
            }
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
