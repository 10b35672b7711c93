package dev.ums.viewer.internal.encoding;

import java.io.IOException;
import java.util.Arrays;

/**
 * A reusable buffer for a block whose length the server states before sending it (a compressed block, or what that
 * block inflates to). It grows, at most doubling, only once the bytes it holds have arrived: a server that claims the
 * most a rectangle allows, 100 MB and more for 7680×4320, and then stalls has the viewer hold about twice what it
 * sent, not its claim. Used by the thread reading the session only.
 */
final class ArrivingBlock {
    private static final int FIRST_CAPACITY = 64 * 1024;

    /** Where the block's bytes come from: the wire or a zlib stream. */
    @FunctionalInterface
    interface Source {
        void readFully(byte[] b, int off, int len) throws IOException;
    }

    private byte[] bytes = new byte[FIRST_CAPACITY];

    /** Reads {@code length} bytes; returns the array holding them from index 0, valid until the next read. */
    byte[] read(Source source, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (done == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * bytes.length));
            }
            int n = Math.min(length, bytes.length) - done;
            source.readFully(bytes, done, n);
            done += n;
        }
        return bytes;
    }

    /** How many bytes the buffer holds room for now. */
    int capacity() {
        return bytes.length;
    }
}
