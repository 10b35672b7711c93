package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.Hextile;
import dev.ums.rfb.RfbInput;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;

/**
 * Hextile encoding: 16×16 tiles, each raw or a background with coloured or foreground
 * sub-rectangles. Background and foreground carry over from tile to tile within a rectangle.
 */
public final class HextileDecoder implements RectDecoder {
    private final RawDecoder raw = new RawDecoder();

    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        PixelReader pr = ctx.pixels();
        byte[] scratch = new byte[4];
        int background = 0;
        int foreground = 0;
        for (int ty = y; ty < y + h; ty += Hextile.TILE) {
            int th = Math.min(Hextile.TILE, y + h - ty);
            for (int tx = x; tx < x + w; tx += Hextile.TILE) {
                int tw = Math.min(Hextile.TILE, x + w - tx);
                int mask = in.u8();
                if (mask > Hextile.ALL_FLAGS) {
                    throw new VncProtocolException("The server sent an invalid Hextile tile (flags " + mask + ").");
                }
                if ((mask & Hextile.RAW) != 0) {
                    raw.decode(in, tx, ty, tw, th, ctx);
                    continue;
                }
                if ((mask & Hextile.BACKGROUND_SPECIFIED) != 0) {
                    background = pr.readPixel(in, scratch);
                }
                ctx.framebuffer().fill(tx, ty, tw, th, background);
                if ((mask & Hextile.FOREGROUND_SPECIFIED) != 0) {
                    foreground = pr.readPixel(in, scratch);
                }
                if ((mask & Hextile.ANY_SUBRECTS) == 0) {
                    continue;
                }
                int count = in.u8();
                boolean coloured = (mask & Hextile.SUBRECTS_COLOURED) != 0;
                for (int i = 0; i < count; i++) {
                    int rgb = coloured ? pr.readPixel(in, scratch) : foreground;
                    int xy = in.u8();
                    int wh = in.u8();
                    int sx = Hextile.x(xy);
                    int sy = Hextile.y(xy);
                    int sw = Hextile.width(wh);
                    int sh = Hextile.height(wh);
                    if (sx + sw > tw || sy + sh > th) {
                        throw new VncProtocolException("The server sent a Hextile sub-rectangle outside its tile.");
                    }
                    ctx.paint(sw * sh);
                    ctx.framebuffer().fill(tx + sx, ty + sy, sw, sh, rgb);
                }
            }
        }
    }
}
