package dev.ums.rfb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Reads annotated bytes back through an {@link RfbInput}, checking that a decoder takes exactly all of them. */
final class Wire {
    /** A decoder under test. */
    interface Decoder<T> {
        T decode(RfbInput in) throws IOException;
    }

    private Wire() {
    }

    /** Decodes all of {@code bytes}. */
    static <T> T decode(Bytes bytes, Decoder<T> decoder) throws IOException {
        return decode(bytes.toArray(), 0, decoder);
    }

    /** Decodes a message's body: all of {@code message} after its type byte, which must be {@code type}. */
    static <T> T decodeBody(byte[] message, int type, Decoder<T> decoder) throws IOException {
        assertThat(message[0] & 0xff).as("message type").isEqualTo(type);
        return decode(message, 1, decoder);
    }

    private static <T> T decode(byte[] bytes, int from, Decoder<T> decoder) throws IOException {
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes, from, bytes.length - from);
        T decoded = decoder.decode(new RfbInput(stream));
        assertThat(stream.available()).as("bytes left over").isZero();
        return decoded;
    }
}
