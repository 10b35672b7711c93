package dev.ums.rfb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Big-endian reads of RFB fields from a stream, counting the bytes for the statistics. Used by
 * one thread only, the one reading the connection.
 */
public final class RfbInput {
    /** What {@link #arriving} allocates before any byte has come. */
    private static final int FIRST_CHUNK = 64 * 1024;

    private final InputStream in;
    private final byte[] small = new byte[8];
    private volatile long bytesRead;

    public RfbInput(InputStream in) {
        this.in = in;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        bytesRead++;
        return b;
    }

    public int u16() throws IOException {
        readFully(small, 0, 2);
        return ((small[0] & 0xff) << 8) | (small[1] & 0xff);
    }

    public int s32() throws IOException {
        readFully(small, 0, 4);
        return ((small[0] & 0xff) << 24) | ((small[1] & 0xff) << 16) | ((small[2] & 0xff) << 8) | (small[3] & 0xff);
    }

    /** A 32-bit length that must lie within {@code [0, max]}; otherwise the stream is not trusted. */
    public int length(int max, String what) throws IOException {
        long n = s32() & 0xffffffffL;
        if (n > max) {
            throw new ImplausibleLengthException(what, n, max);
        }
        return (int) n;
    }

    public void readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                throw new EOFException();
            }
            done += n;
        }
        bytesRead += len;
    }

    public byte[] bytes(int len) throws IOException {
        byte[] b = new byte[len];
        readFully(b, 0, len);
        return b;
    }

    /**
     * {@code len} bytes whose length the peer stated before sending them (a clipboard text, a desktop name), in an
     * array that grows as they arrive, at most doubling from {@value #FIRST_CHUNK} bytes: a peer that claims
     * megabytes and then stalls or hangs up has made the reader hold about twice what it sent, not its claim.
     */
    public byte[] arriving(int len) throws IOException {
        byte[] b = new byte[Math.min(len, FIRST_CHUNK)];
        int done = 0;
        while (true) {
            readFully(b, done, b.length - done);
            done = b.length;
            if (done == len) {
                return b;
            }
            b = Arrays.copyOf(b, (int) Math.min(len, 2L * done));
        }
    }

    public void skip(long len) throws IOException {
        byte[] scratch = new byte[(int) Math.min(len, 8192)];
        long left = len;
        while (left > 0) {
            int n = (int) Math.min(left, scratch.length);
            readFully(scratch, 0, n);
            left -= n;
        }
    }

    /**
     * A string with a 32-bit length prefix, at most {@code max} bytes (the desktop name, a failure reason). Read
     * as Latin-1, so that any byte survives; {@link RfbStrings} writes UTF-8, as the specification recommends.
     */
    public String string(int max, String what) throws IOException {
        return new String(arriving(length(max, what)), StandardCharsets.ISO_8859_1);
    }
}
