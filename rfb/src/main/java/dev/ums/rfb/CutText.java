package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The layout ClientCutText and ServerCutText share: the type, three bytes of padding, a signed 32-bit length and
 * the text. A negative length marks an Extended Clipboard message of |length| bytes: 32 bits of flags, then the
 * payload.
 */
public final class CutText {
    /** Type, padding and length: what must be read before the length of the rest is known. */
    public static final int HEADER_LENGTH = 8;

    private CutText() {
    }

    /** A classic message: the text as it goes on the wire (Latin-1). */
    public static byte[] encode(int type, byte[] text) {
        return ByteBuffer.allocate(HEADER_LENGTH + text.length).put((byte) type).put(new byte[3]).putInt(text.length)
                .put(text).array();
    }

    /** An Extended Clipboard message. */
    public static byte[] encodeExtended(int type, int flags, byte[] payload) {
        return ByteBuffer.allocate(HEADER_LENGTH + 4 + payload.length).put((byte) type).put(new byte[3])
                .putInt(-(4 + payload.length)).putInt(flags).put(payload).array();
    }

    /** Reads the padding and the signed length after the message type; {@link #isExtended} tells the kinds apart. */
    public static int readLength(RfbInput in) throws IOException {
        in.skip(3);
        return in.s32();
    }

    public static boolean isExtended(int length) {
        return length < 0;
    }

    /** How many bytes follow the header, for either kind. */
    public static long bodyLength(int length) {
        return Math.abs((long) length);
    }

    /** The whole message's length, from its {@value #HEADER_LENGTH}-byte header. */
    public static long length(byte[] header) {
        int length = (header[4] << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        return HEADER_LENGTH + bodyLength(length);
    }
}
