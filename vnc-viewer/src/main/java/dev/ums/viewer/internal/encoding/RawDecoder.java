package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.RfbInput;
import java.io.IOException;

/** Raw encoding: every pixel, row by row. Reads a row at a time to keep the buffer small. */
public final class RawDecoder implements RectDecoder {
    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        PixelReader pr = ctx.pixels();
        int bpp = pr.bytesPerPixel();
        byte[] row = ctx.bytes(w * bpp);
        int[] px = ctx.framebuffer().pixels();
        int stride = ctx.framebuffer().width();
        for (int r = 0; r < h; r++) {
            in.readFully(row, 0, w * bpp);
            pr.pixels(row, 0, px, (y + r) * stride + x, w);
        }
    }
}
