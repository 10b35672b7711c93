package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/** ServerInit: the desktop's size, the server's native pixel format and the desktop's name. */
public record ServerInit(int width, int height, PixelFormat pixelFormat, String name) {

    /** The name goes out as UTF-8 (the specification's advice); {@link #decode} reads it as Latin-1. */
    public byte[] encode() {
        byte[] nameBytes = RfbStrings.encode(name);
        return ByteBuffer.allocate(4 + PixelFormat.LENGTH + nameBytes.length).putShort((short) width)
                .putShort((short) height).put(pixelFormat.encode()).put(nameBytes).array();
    }

    /** @throws ImplausibleLengthException for a name longer than 64 KiB */
    public static ServerInit decode(RfbInput in) throws IOException {
        int w = in.u16();
        int h = in.u16();
        PixelFormat pf = PixelFormat.decode(in);
        return new ServerInit(w, h, pf, RfbStrings.read(in, "desktop name"));
    }
}
