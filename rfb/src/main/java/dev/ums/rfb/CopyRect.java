package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A CopyRect rectangle's data: where in the framebuffer its pixels come from. */
public record CopyRect(int sourceX, int sourceY) {
    public static final int LENGTH = 4;

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putShort((short) sourceX).putShort((short) sourceY).array();
    }

    public static CopyRect decode(RfbInput in) throws IOException {
        return new CopyRect(in.u16(), in.u16());
    }
}
