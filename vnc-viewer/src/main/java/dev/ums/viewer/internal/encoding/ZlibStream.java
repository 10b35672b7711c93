package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.VncProtocolException;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One zlib stream that lives as long as the session (ZRLE has one, Tight four). Each rectangle
 * hands it a block of compressed bytes; reads pull exactly the bytes the decoder needs and fail
 * cleanly when the block runs dry or is corrupt, so bad data can never make us wait or grow.
 * Its {@link Inflater} (native memory) is made at the first block and ended by {@link #close()};
 * a session that never sends this stream a block holds none. The thread reading the session
 * only, {@link #close()} included.
 */
public final class ZlibStream implements AutoCloseable {
    private final Supplier<Inflater> inflaters;
    private final String name;
    private final byte[] buffer = new byte[16 * 1024];
    private Inflater inflater;
    private boolean closed;
    private int pos;
    private int limit;

    public ZlibStream(String name) {
        this(name, Inflater::new);
    }

    /** With {@code inflaters} making the stream's {@link Inflater}, once, at its first block. */
    ZlibStream(String name, Supplier<Inflater> inflaters) {
        this.name = name;
        this.inflaters = inflaters;
    }

    public void reset() {
        if (inflater != null) {
            inflater.reset();
        }
        pos = 0;
        limit = 0;
    }

    /** Sets the compressed block for the next reads; the array must stay untouched meanwhile. */
    public void input(byte[] compressed, int off, int len) {
        if (inflater == null) {
            if (closed) {
                throw new IllegalStateException("the " + name + " zlib stream is closed");
            }
            inflater = inflaters.get();
        }
        inflater.setInput(compressed, off, len);
        pos = 0;
        limit = 0;
    }

    /** Ends the {@link Inflater}, releasing its native memory at once rather than when it is collected. */
    @Override
    public void close() {
        closed = true;
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    public int u8() throws VncProtocolException {
        if (pos == limit) {
            limit = inflate(buffer, 0, buffer.length);
            pos = 0;
        }
        return buffer[pos++] & 0xff;
    }

    public void readFully(byte[] dst, int off, int len) throws VncProtocolException {
        int done = Math.min(len, limit - pos);
        System.arraycopy(buffer, pos, dst, off, done);
        pos += done;
        while (done < len) {
            done += inflate(dst, off + done, len - done);
        }
    }

    private int inflate(byte[] dst, int off, int len) throws VncProtocolException {
        try {
            // Each empty round consumes header bytes, so a bound on them only guards against a
            // zlib implementation that makes no progress; it never stops valid data.
            for (int emptyRounds = 0; emptyRounds < 1024; emptyRounds++) {
                int n = inflater.inflate(dst, off, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.needsDictionary() || inflater.finished()) {
                    throw corrupt(null);
                }
                if (inflater.needsInput()) {
                    throw new VncProtocolException("The server's " + name
                            + " data ended before the rectangle was complete.");
                }
            }
            throw corrupt(null);
        } catch (DataFormatException e) {
            throw corrupt(e);
        }
    }

    private VncProtocolException corrupt(Exception cause) {
        return new VncProtocolException("The server sent corrupt " + name + " compressed data.", cause);
    }
}
