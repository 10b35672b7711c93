package dev.ums.agent.demo.internal.rfb;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the body of one FramebufferUpdate rectangle (everything after its 12-byte header) in one encoding.
 * An instance belongs to one client connection (ZRLE keeps its zlib stream across rectangles) and is called on
 * that connection's writer thread only.
 */
public interface RectEncoder {
    /** Raw, always available whatever the client asked for. */
    int RAW = 0;
    int COPY_RECT = 1;
    int HEXTILE = 5;
    int ZRLE = 16;

    /** The encoding's number on the wire. */
    int code();

    /**
     * Encodes {@code w × h} pixels given row by row as 0xRRGGBB.
     *
     * @param rgb the rectangle's pixels, {@code w * h} of them, rows without gaps
     */
    void encode(int[] rgb, int w, int h, PixelFormat format, OutputStream out) throws IOException;
}
