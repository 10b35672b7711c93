package dev.ums.rfb;

import java.io.IOException;

/** ClientInit: one byte, non-zero when the client lets other clients stay connected (a shared session). */
public record ClientInit(boolean shared) {
    public static final int LENGTH = 1;

    public byte[] encode() {
        return new byte[] {(byte) (shared ? 1 : 0)};
    }

    public static ClientInit decode(RfbInput in) throws IOException {
        return new ClientInit(in.u8() != 0);
    }
}
