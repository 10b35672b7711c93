package dev.ums.viewer.internal.message;

import java.nio.ByteBuffer;
import java.util.List;

/** SetEncodings (type 2): encodings and pseudo-encodings we understand, preferred first. */
public record SetEncodings(List<Integer> encodings) implements ClientMessage {
    @Override
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * encodings.size());
        b.put((byte) 2).put((byte) 0).putShort((short) encodings.size());
        encodings.forEach(b::putInt);
        return b.array();
    }
}
