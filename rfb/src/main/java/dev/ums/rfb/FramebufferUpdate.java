package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The start of a FramebufferUpdate: the type, one byte of padding and the number of rectangles; each rectangle
 * is a {@link RectangleHeader} and its encoding's data.
 */
public final class FramebufferUpdate {
    public static final int HEADER_LENGTH = 4;

    private FramebufferUpdate() {
    }

    public static byte[] encodeHeader(int rectangles) {
        return ByteBuffer.allocate(HEADER_LENGTH).put((byte) MessageType.FRAMEBUFFER_UPDATE).put((byte) 0)
                .putShort((short) rectangles).array();
    }

    /** Reads the rest of the header after the message type: the number of rectangles. */
    public static int readRectangleCount(RfbInput in) throws IOException {
        in.skip(1);
        return in.u16();
    }
}
