package dev.ums.demo.internal.vnc;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the body of one FramebufferUpdate rectangle (everything after its header) in one encoding. An instance
 * belongs to one client connection (ZRLE keeps its zlib stream across rectangles) and is called on that
 * connection's writer thread only.
 */
interface RectEncoder {
    /** The encoding's number on the wire ({@link dev.ums.rfb.EncodingType}). */
    int code();

    /**
     * Encodes {@code w × h} pixels given row by row as 0xRRGGBB.
     *
     * @param rgb the rectangle's pixels, {@code w * h} of them, rows without gaps
     */
    void encode(int[] rgb, int w, int h, PixelWriter pixels, OutputStream out) throws IOException;
}
