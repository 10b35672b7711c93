package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.internal.message.RfbInput;
import java.io.IOException;

/**
 * Hextile encoding: 16×16 tiles, each raw or a background with coloured or foreground
 * sub-rectangles. Background and foreground carry over from tile to tile within a rectangle.
 */
public final class HextileDecoder implements RectDecoder {
    private static final int RAW = 1;
    private static final int BACKGROUND = 2;
    private static final int FOREGROUND = 4;
    private static final int ANY_SUBRECTS = 8;
    private static final int SUBRECTS_COLOURED = 16;

    private final RawDecoder raw = new RawDecoder();

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        PixelReader pr = ctx.pixels();
        byte[] scratch = new byte[4];
        int background = 0;
        int foreground = 0;
        for (int ty = y; ty < y + h; ty += 16) {
            int th = Math.min(16, y + h - ty);
            for (int tx = x; tx < x + w; tx += 16) {
                int tw = Math.min(16, x + w - tx);
                int mask = in.u8();
                if (mask > 31) {
                    throw new VncProtocolException("The server sent an invalid Hextile tile (flags " + mask + ").");
                }
                if ((mask & RAW) != 0) {
                    raw.decode(in, tx, ty, tw, th, ctx);
                    continue;
                }
                if ((mask & BACKGROUND) != 0) {
                    background = pr.readPixel(in, scratch);
                }
                ctx.framebuffer().fill(tx, ty, tw, th, background);
                if ((mask & FOREGROUND) != 0) {
                    foreground = pr.readPixel(in, scratch);
                }
                if ((mask & ANY_SUBRECTS) == 0) {
                    continue;
                }
                int count = in.u8();
                boolean coloured = (mask & SUBRECTS_COLOURED) != 0;
                for (int i = 0; i < count; i++) {
                    int rgb = coloured ? pr.readPixel(in, scratch) : foreground;
                    int xy = in.u8();
                    int wh = in.u8();
                    int sx = xy >> 4;
                    int sy = xy & 15;
                    int sw = (wh >> 4) + 1;
                    int sh = (wh & 15) + 1;
                    if (sx + sw > tw || sy + sh > th) {
                        throw new VncProtocolException("The server sent a Hextile sub-rectangle outside its tile.");
                    }
                    ctx.framebuffer().fill(tx + sx, ty + sy, sw, sh, rgb);
                }
            }
        }
    }
}
