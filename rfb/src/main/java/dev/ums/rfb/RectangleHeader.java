package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The 12 bytes before each rectangle of a FramebufferUpdate: position, size and the encoding number (which, for a
 * pseudo-encoding, gives the fields other meanings).
 */
public record RectangleHeader(int x, int y, int width, int height, int encoding) {
    public static final int LENGTH = 12;

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putShort((short) x).putShort((short) y).putShort((short) width)
                .putShort((short) height).putInt(encoding).array();
    }

    public static RectangleHeader decode(RfbInput in) throws IOException {
        return new RectangleHeader(in.u16(), in.u16(), in.u16(), in.u16(), in.s32());
    }
}
