package dev.ums.viewer.internal.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * ClientCutText (type 6): our clipboard in Latin-1, the only charset the classic message allows;
 * characters outside it become '?'.
 */
public record ClientCutText(String text) implements ClientMessage {
    @Override
    public byte[] encode() {
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(8 + latin1.length).put((byte) 6).put(new byte[3]).putInt(latin1.length).put(latin1).array();
    }
}
