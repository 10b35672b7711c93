package dev.ums.viewer.internal.message;

import java.nio.ByteBuffer;

/** KeyEvent (type 4): an X11 keysym pressed or released. */
public record KeyEvent(int keysym, boolean down) implements ClientMessage {
    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(8).put((byte) 4).put((byte) (down ? 1 : 0)).putShort((short) 0).putInt(keysym).array();
    }
}
