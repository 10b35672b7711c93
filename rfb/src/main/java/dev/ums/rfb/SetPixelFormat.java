package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/** SetPixelFormat: the format the server must send pixels in. */
public record SetPixelFormat(PixelFormat format) implements ClientMessage {
    public static final int LENGTH = 4 + PixelFormat.LENGTH;

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put((byte) MessageType.SET_PIXEL_FORMAT).put(new byte[3])
                .put(format.encode()).array();
    }

    /** Reads the body after the message type. */
    public static SetPixelFormat decode(RfbInput in) throws IOException {
        in.skip(3);
        return new SetPixelFormat(PixelFormat.decode(in));
    }
}
