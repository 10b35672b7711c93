package dev.ums.viewer.internal.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** SetPixelFormat (type 0): the format the server must send pixels in. */
public record SetPixelFormat(PixelFormat format) implements ClientMessage {
    @Override
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(20);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0);
        try {
            format.encode(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
