package dev.ums.viewer.internal.message;

import java.nio.ByteBuffer;

/** PointerEvent (type 5): pointer position and the mask of pressed buttons (bit 0 = left, 3/4 = wheel). */
public record PointerEvent(int buttonMask, int x, int y) implements ClientMessage {
    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(6).put((byte) 5).put((byte) buttonMask).putShort((short) x).putShort((short) y).array();
    }
}
