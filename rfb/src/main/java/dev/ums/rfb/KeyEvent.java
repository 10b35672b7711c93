package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/** KeyEvent: an X11 keysym pressed or released. */
public record KeyEvent(int keysym, boolean down) implements ClientMessage {
    public static final int LENGTH = 8;

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put((byte) MessageType.KEY_EVENT).put((byte) (down ? 1 : 0))
                .putShort((short) 0).putInt(keysym).array();
    }

    /** Reads the body after the message type. */
    public static KeyEvent decode(RfbInput in) throws IOException {
        boolean down = in.u8() != 0;
        in.skip(2);
        return new KeyEvent(in.s32(), down);
    }
}
