package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.CopyRect;
import dev.ums.rfb.RfbInput;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;

/** CopyRect encoding: the rectangle's content comes from elsewhere in the framebuffer. */
public final class CopyRectDecoder implements RectDecoder {
    @Override
    public void decode(RfbInput in, int x, int y, int w, int h, DecodeContext ctx) throws IOException {
        CopyRect source = CopyRect.decode(in);
        if (!ctx.framebuffer().contains(source.sourceX(), source.sourceY(), w, h)) {
            throw new VncProtocolException("The server asked to copy from outside the desktop.");
        }
        ctx.framebuffer().copy(source.sourceX(), source.sourceY(), x, y, w, h);
    }
}
