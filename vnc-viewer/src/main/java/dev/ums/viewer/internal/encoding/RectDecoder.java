package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.RfbInput;
import java.io.IOException;

/**
 * Reads one rectangle of one encoding from the stream and writes it into the framebuffer. The
 * caller has already checked that the rectangle lies inside the framebuffer. Implementations
 * may keep state across rectangles (zlib streams) and run on the session's reader thread only,
 * {@link #close()} included.
 */
public interface RectDecoder extends AutoCloseable {
    void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException;

    /** Releases what the decoder holds outside the heap (zlib streams); it decodes nothing after. */
    @Override
    default void close() {
    }
}
