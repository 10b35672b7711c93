package dev.ums.protocol.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that is read in blocks: a single-byte {@link #read()} is a block read of one byte, so a
 * subclass writes its logic once, in {@link #read(byte[], int, int)}. Called by whichever thread reads the
 * subclass's stream.
 */
public abstract class BlockInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
