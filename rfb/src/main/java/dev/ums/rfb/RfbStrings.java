package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** RFB's length-prefixed strings (desktop name, failure reasons): a 32-bit length, then the bytes. */
final class RfbStrings {
    /** The longest such string a reader accepts. */
    static final int MAX_LENGTH = 64 * 1024;

    private RfbStrings() {
    }

    /** Length and UTF-8 bytes, as the specification recommends for new implementations. */
    static byte[] encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
    }

    static String read(RfbInput in, String what) throws IOException {
        return in.string(MAX_LENGTH, what);
    }
}
