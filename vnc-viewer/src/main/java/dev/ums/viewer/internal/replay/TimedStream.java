package dev.ums.viewer.internal.replay;

import java.io.IOException;
import java.io.InputStream;

/**
 * One side of a recording as a stream of bytes, which also tells when its next byte was recorded. The decoders
 * read it like a socket's stream; the end of the recorded side is the end of the stream. One thread at a time.
 */
public final class TimedStream extends InputStream {
    /** What {@link #nextByteTime()} says when no byte is left. */
    public static final long END = Long.MAX_VALUE;

    private final ChunkFeed feed;
    private final boolean server;
    private byte[] chunk = new byte[0];
    private long chunkTime;
    private int position;

    public TimedStream(ChunkFeed feed, boolean server) {
        this.feed = feed;
        this.server = server;
    }

    /** The recording time of the next unread byte, in microseconds; {@link #END} when this side has ended. */
    public long nextByteTime() throws IOException {
        return fill() ? chunkTime : END;
    }

    private boolean fill() throws IOException {
        while (position >= chunk.length) {
            var next = feed.take(server);
            if (next == null) {
                return false;
            }
            chunk = next.bytes();
            chunkTime = next.atMicros();
            position = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? chunk[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }
}
