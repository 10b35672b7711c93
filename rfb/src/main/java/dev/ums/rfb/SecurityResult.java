package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * SecurityResult: a 32-bit 0 (OK) or 1 (failed), in RFB 3.8 followed on failure by a reason string. Before 3.8
 * it follows VNC authentication only, and a failure carries no reason.
 *
 * @param reason the failure's reason ("" before 3.8), null when OK
 */
public record SecurityResult(String reason) {
    public static final SecurityResult OK = new SecurityResult(null);
    private static final int PASSED = 0;
    private static final int FAILED = 1;

    public static SecurityResult failed(String reason) {
        return new SecurityResult(reason);
    }

    public boolean ok() {
        return reason == null;
    }

    public byte[] encode(ProtocolVersion version) {
        if (ok()) {
            return ByteBuffer.allocate(4).putInt(PASSED).array();
        }
        byte[] text = version == ProtocolVersion.V3_8 ? RfbStrings.encode(reason) : new byte[0];
        return ByteBuffer.allocate(4 + text.length).putInt(FAILED).put(text).array();
    }

    public static SecurityResult decode(RfbInput in, ProtocolVersion version) throws IOException {
        if (in.s32() == PASSED) {
            return OK;
        }
        return failed(version == ProtocolVersion.V3_8 ? RfbStrings.read(in, "failure reason") : "");
    }
}
