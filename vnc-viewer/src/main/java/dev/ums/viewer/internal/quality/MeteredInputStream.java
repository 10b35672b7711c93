package dev.ums.viewer.internal.quality;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's raw input (below buffering and TLS), timing each read for the {@link LinkMeter}: how many bytes
 * came, how long the read waited for them and how long the reader was busy since the previous read; after each read
 * {@code afterRead} runs (the session judges the link there while a long update arrives). Used by the session's
 * reader thread only.
 */
public final class MeteredInputStream extends FilterInputStream {
    private final LinkMeter meter;
    private final Runnable afterRead;
    /** When the previous read returned; 0 before the first. */
    private long lastReturn;

    public MeteredInputStream(InputStream in, LinkMeter meter, Runnable afterRead) {
        super(in);
        this.meter = meter;
        this.afterRead = afterRead;
    }

    @Override
    public int read() throws IOException {
        long start = System.nanoTime();
        int b = super.read();
        metered(b < 0 ? 0 : 1, start);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long start = System.nanoTime();
        int n = super.read(b, off, len);
        metered(Math.max(0, n), start);
        return n;
    }

    private void metered(int bytes, long start) {
        long end = System.nanoTime();
        meter.read(bytes, end - start, lastReturn == 0 ? 0 : start - lastReturn);
        lastReturn = end;
        afterRead.run();
    }
}
