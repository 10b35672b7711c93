package dev.ums.viewer.internal.encoding;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/** A server stream that sends some bytes, then stalls until told to hang up, and then ends. */
final class StallingServer extends InputStream {
    private final byte[] arriving;
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch hangUp = new CountDownLatch(1);
    private int pos;

    StallingServer(byte[] arriving) {
        this.arriving = arriving;
    }

    /** Counted down once every byte was read and a reader waits for more. */
    CountDownLatch stalled() {
        return stalled;
    }

    void hangUp() {
        hangUp.countDown();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pos < arriving.length) {
            int n = Math.min(len, arriving.length - pos);
            System.arraycopy(arriving, pos, b, off, n);
            pos += n;
            return n;
        }
        stalled.countDown();
        try {
            hangUp.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }
}
