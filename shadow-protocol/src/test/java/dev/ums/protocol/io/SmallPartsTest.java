package dev.ums.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link BlockInputStream}'s single-byte read and {@link Closeables#closeQuietly}. */
class SmallPartsTest {

    /** Serves the given bytes, at most two per block read, and counts the block reads. */
    private static final class TwoAtATime extends BlockInputStream {
        private final byte[] data;
        private int pos;
        int blockReads;

        TwoAtATime(byte... data) {
            this.data = data;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            blockReads++;
            if (pos == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 2), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Test
    void aSingleByteReadIsABlockReadOfOneByteAndGivesBytesAsUnsigned() throws IOException {
        TwoAtATime in = new TwoAtATime((byte) 0x01, (byte) 0xff, (byte) 0x80);

        assertThat(in.read()).isEqualTo(0x01);
        assertThat(in.read()).isEqualTo(0xff);
        assertThat(in.read()).isEqualTo(0x80);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.blockReads).isEqualTo(4);
    }

    @Test
    void blockReadsAndSingleByteReadsShareOnePosition() throws IOException {
        TwoAtATime in = new TwoAtATime((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5);
        byte[] block = new byte[8];

        assertThat(in.read()).isEqualTo(1);
        assertThat(in.read(block, 0, 8)).isEqualTo(2);
        assertThat(block).startsWith(2, 3);
        assertThat(in.readAllBytes()).containsExactly(4, 5);
    }

    @Test
    void closeQuietlyClosesAndSwallowsAFailureToClose() {
        AtomicInteger closes = new AtomicInteger();
        Closeable fine = closes::incrementAndGet;
        Closeable failing = () -> {
            closes.incrementAndGet();
            throw new IOException("already broken");
        };

        Closeables.closeQuietly(fine);
        assertThatCode(() -> Closeables.closeQuietly(failing)).doesNotThrowAnyException();
        assertThat(closes).hasValue(2);
    }
}
