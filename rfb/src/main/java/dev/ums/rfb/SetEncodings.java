package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** SetEncodings: the encodings and pseudo-encodings the client understands, preferred first. */
public record SetEncodings(List<Integer> encodings) implements ClientMessage {
    /** Type, padding and the 16-bit count; four bytes per encoding follow. */
    public static final int HEADER_LENGTH = 4;

    public SetEncodings {
        encodings = List.copyOf(encodings);
    }

    @Override
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + 4 * encodings.size());
        b.put((byte) MessageType.SET_ENCODINGS).put((byte) 0).putShort((short) encodings.size());
        encodings.forEach(b::putInt);
        return b.array();
    }

    /** The whole message's length, from its {@value #HEADER_LENGTH}-byte header. */
    public static long length(byte[] header) {
        return HEADER_LENGTH + 4L * (((header[2] & 0xff) << 8) | (header[3] & 0xff));
    }

    /**
     * Reads the body after the message type.
     *
     * @throws ImplausibleLengthException when the client lists more than {@code maxCount} encodings
     */
    public static SetEncodings decode(RfbInput in, int maxCount) throws IOException {
        in.skip(1);
        int count = in.u16();
        if (count > maxCount) {
            throw new ImplausibleLengthException("encoding list", count, maxCount);
        }
        Integer[] codes = new Integer[count];
        for (int i = 0; i < count; i++) {
            codes[i] = in.s32();
        }
        return new SetEncodings(List.of(codes));
    }
}
