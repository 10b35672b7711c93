package dev.ums.viewer.internal.quality;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The connection's raw input (below buffering and TLS), timing each read for the {@link LinkMeter}: how many bytes
 * came and how long the read waited for them; after each read {@code afterRead} runs (the session judges the link
 * there while a long update arrives). Used by the session's reader thread only.
 */
public final class MeteredInputStream extends FilterInputStream {
    private final LinkMeter meter;
    private final Runnable afterRead;

    public MeteredInputStream(InputStream in, LinkMeter meter, Runnable afterRead) {
        super(in);
        this.meter = meter;
        this.afterRead = afterRead;
    }

    @Override
    public int read() throws IOException {
        long start = System.nanoTime();
        int b = super.read();
        meter.read(b < 0 ? 0 : 1, System.nanoTime() - start);
        afterRead.run();
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long start = System.nanoTime();
        int n = super.read(b, off, len);
        meter.read(Math.max(0, n), System.nanoTime() - start);
        afterRead.run();
        return n;
    }
}
