package dev.ums.viewer;

import dev.ums.protocol.io.BlockInputStream;
import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A fake server side for session tests: serves a fixed byte script, then either ends the
 * stream or holds it open until closed, and records what the client wrote.
 */
final class ScriptedServer extends BlockInputStream {
    private final byte[] script;
    private final boolean holdOpen;
    private final CountDownLatch closed = new CountDownLatch(1);
    private int pos;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    ScriptedServer(byte[] script, boolean holdOpen) {
        this.script = script;
        this.holdOpen = holdOpen;
    }

    /** Handshake of an RFB 3.8 server without authentication and a 4×4 desktop named "t". */
    static Bytes greeting(int width, int height) {
        return new Bytes().ascii("RFB 003.008\n").u8(1, 1).s32(0)
                .u16(width, height).u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0).s32(1).ascii("t");
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pos < script.length) {
            int n = Math.min(len, script.length - pos);
            System.arraycopy(script, pos, b, off, n);
            pos += n;
            return n;
        }
        if (holdOpen) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        closed.countDown();
    }

    byte[] written() {
        return written.toByteArray();
    }
}
