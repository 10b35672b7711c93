package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/** FramebufferUpdateRequest: asks for the changes (incremental) or everything in an area. */
public record FramebufferUpdateRequest(boolean incremental, int x, int y, int width, int height)
        implements ClientMessage {
    public static final int LENGTH = 10;

    @Override
    public byte[] encode() {
        return encodeArea(MessageType.FRAMEBUFFER_UPDATE_REQUEST, incremental, x, y, width, height);
    }

    /** The layout this message shares with EnableContinuousUpdates: type, a flag, an area. */
    static byte[] encodeArea(int type, boolean flag, int x, int y, int width, int height) {
        return ByteBuffer.allocate(LENGTH).put((byte) type).put((byte) (flag ? 1 : 0))
                .putShort((short) x).putShort((short) y).putShort((short) width).putShort((short) height).array();
    }

    /** Reads the body after the message type. */
    public static FramebufferUpdateRequest decode(RfbInput in) throws IOException {
        return new FramebufferUpdateRequest(in.u8() != 0, in.u16(), in.u16(), in.u16(), in.u16());
    }
}
