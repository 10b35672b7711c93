package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/** PointerEvent: pointer position and the mask of pressed buttons (bit 0 = left, 3/4 = wheel). */
public record PointerEvent(int buttonMask, int x, int y) implements ClientMessage {
    public static final int LENGTH = 6;

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put((byte) MessageType.POINTER_EVENT).put((byte) buttonMask)
                .putShort((short) x).putShort((short) y).array();
    }

    /** Reads the body after the message type. */
    public static PointerEvent decode(RfbInput in) throws IOException {
        return new PointerEvent(in.u8(), in.u16(), in.u16());
    }
}
