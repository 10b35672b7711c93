package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.internal.message.RfbInput;
import java.io.IOException;

/** CopyRect encoding: the rectangle's content comes from elsewhere in the framebuffer. */
public final class CopyRectDecoder implements RectDecoder {
    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        int srcX = in.u16();
        int srcY = in.u16();
        if (!ctx.framebuffer().contains(srcX, srcY, w, h)) {
            throw new VncProtocolException("The server asked to copy from outside the desktop.");
        }
        ctx.framebuffer().copy(srcX, srcY, x, y, w, h);
    }
}
