package dev.ums.recording.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A recording file's bytes up to a run of zero bytes that lasts to the file's end, and that run only once
 * {@link #release() released}. A power cut while a recording is written can leave such a run: the file system had
 * grown the file, but the blocks at its end never reached the disk and read back as zeros. Inflated, zeros are no
 * error but more data (literals, copies of earlier bytes), so a reader would hand out chunks of made-up bytes before
 * any check failed; held back, they are the file's end, which reads as a cut. Leaving out bytes at the end of a
 * recording leaves a prefix of its compressed stream, which reads as the chunks before it, so a file cut where its
 * compressed bytes happen to end in zeros loses at most its last record; a complete recording loses nothing, since
 * its reader reads the zeros after its end record too. One thread.
 */
public final class ZeroTailInputStream extends FilterInputStream {

    /**
     * The longest zero tail held back: more than a power cut leaves (what the system had not yet written back of one
     * file, some seconds of the fastest recording measured), and a bound on the work of opening a file that ends in a
     * terabyte of zeros. A longer run is read as it is, the last this many bytes held back.
     */
    public static final long MAX_TAIL = 256L << 20;
    private static final int SCAN_BLOCK = 64 * 1024;

    private final long tail;
    /** Bytes left before the zero tail; not counted once released. */
    private long beforeTail;
    private boolean released;

    private ZeroTailInputStream(InputStream in, long beforeTail, long tail) {
        super(in);
        this.beforeTail = beforeTail;
        this.tail = tail;
    }

    /** Opens the file at its start, its zero tail held back; the file's own failures (missing, a directory) are thrown as they come. */
    public static ZeroTailInputStream open(Path file) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(file);
        try {
            long size = channel.size();
            long tail = zeroTail(channel, size);
            channel.position(0);
            return new ZeroTailInputStream(Channels.newInputStream(channel), tail == 0 ? Long.MAX_VALUE : size - tail, tail);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** How many zero bytes at the end are held back: 0 when there are none or once released. */
    public long heldBack() {
        return released ? 0 : tail;
    }

    /** Reads the zero tail too from here on. */
    public void release() {
        released = true;
    }

    @Override
    public int read() throws IOException {
        if (!released && beforeTail == 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0 && !released) {
            beforeTail--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!released) {
            if (beforeTail == 0) {
                return -1;
            }
            len = (int) Math.min(len, beforeTail);
        }
        int n = in.read(b, off, len);
        if (n > 0 && !released) {
            beforeTail -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = in.skip(released ? n : Math.min(n, beforeTail));
        if (k > 0 && !released) {
            beforeTail -= k;
        }
        return k;
    }

    @Override
    public int available() throws IOException {
        int n = in.available();
        return released ? n : (int) Math.min(n, beforeTail);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * The length of the run of zero bytes at the end of the first {@code size} bytes, at most {@link #MAX_TAIL}, read
     * backwards block by block.
     */
    private static long zeroTail(SeekableByteChannel channel, long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(SCAN_BLOCK);
        long end = size;
        long floor = Math.max(0, size - MAX_TAIL);
        while (end > floor) {
            int len = (int) Math.min(SCAN_BLOCK, end - floor);
            long start = end - len;
            block.clear().limit(len);
            channel.position(start);
            while (block.hasRemaining()) {
                if (channel.read(block) < 0) {
                    return size - end;          // the file shrank while it was read: what was seen so far
                }
            }
            for (int i = len - 1; i >= 0; i--) {
                if (block.get(i) != 0) {
                    return size - (start + i + 1);
                }
            }
            end = start;
        }
        return size - floor;
    }
}
