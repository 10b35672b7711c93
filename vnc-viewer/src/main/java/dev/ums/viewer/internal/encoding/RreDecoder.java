package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.RfbInput;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;

/** RRE encoding: a background colour and a list of solid sub-rectangles. */
public final class RreDecoder implements RectDecoder {
    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        long count = in.s32() & 0xffffffffL;
        if (count > (long) w * h) {
            throw new VncProtocolException("The server sent more RRE sub-rectangles than the rectangle has pixels.");
        }
        byte[] scratch = ctx.bytes(8);
        PixelReader pr = ctx.pixels();
        ctx.framebuffer().fill(x, y, w, h, pr.readPixel(in, scratch));
        for (long i = 0; i < count; i++) {
            int rgb = pr.readPixel(in, scratch);
            int sx = in.u16();
            int sy = in.u16();
            int sw = in.u16();
            int sh = in.u16();
            if (sx + sw > w || sy + sh > h) {
                throw new VncProtocolException("The server sent an RRE sub-rectangle outside its rectangle.");
            }
            ctx.paint((long) sw * sh);
            ctx.framebuffer().fill(x + sx, y + sy, sw, sh, rgb);
        }
    }
}
