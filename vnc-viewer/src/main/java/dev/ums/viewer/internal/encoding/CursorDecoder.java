package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.RfbInput;
import dev.ums.viewer.CursorShape;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;

/**
 * The Cursor pseudo-encoding: pixels plus a 1-bit transparency mask; x and y are the hot spot. Pixels and mask are
 * buffered as they arrive, not from the size the header claims. The thread reading the session only.
 */
public final class CursorDecoder {
    private static final int MAX_SIDE = 1024;

    public CursorShape decode(RfbInput in, int hotX, int hotY, int w, int h, PixelReader pr) throws IOException {
        if (w > MAX_SIDE || h > MAX_SIDE) {
            throw new VncProtocolException("The server sent an implausibly large cursor (" + w + "×" + h + ").");
        }
        if (w == 0 || h == 0) {
            return CursorShape.HIDDEN;
        }
        int bpp = pr.bytesPerPixel();
        byte[] pixels = in.arriving(w * h * bpp);
        int maskRow = (w + 7) / 8;
        byte[] mask = in.arriving(maskRow * h);
        int[] argb = new int[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                boolean opaque = ((mask[r * maskRow + (c >> 3)] >> (7 - (c & 7))) & 1) != 0;
                argb[r * w + c] = opaque ? 0xff000000 | pr.pixel(pixels, (r * w + c) * bpp) : 0;
            }
        }
        return new CursorShape(w, h, Math.min(hotX, w - 1), Math.min(hotY, h - 1), argb);
    }
}
