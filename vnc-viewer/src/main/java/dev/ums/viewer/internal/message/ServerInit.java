package dev.ums.viewer.internal.message;

import java.io.IOException;

/** The ServerInit message: desktop size, the server's native pixel format and the desktop name. */
public record ServerInit(int width, int height, PixelFormat pixelFormat, String name) {
    private static final int MAX_NAME = 64 * 1024;

    public static ServerInit decode(RfbInput in) throws IOException {
        int w = in.u16();
        int h = in.u16();
        PixelFormat pf = PixelFormat.decode(in);
        return new ServerInit(w, h, pf, in.string(MAX_NAME, "desktop name"));
    }
}
