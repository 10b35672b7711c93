package dev.ums.demo.internal.vnc;

import dev.ums.rfb.EncodingType;
import java.util.List;

/**
 * The encoders of one session, and the choice among them: the first of ZRLE, Hextile and Raw in the client's
 * order of preference, Raw when it lists none of them (the specification requires every client to take Raw).
 */
final class SessionEncoders implements AutoCloseable {
    private final RawEncoder raw = new RawEncoder();
    private final HextileEncoder hextile = new HextileEncoder();
    private final ZrleEncoder zrle = new ZrleEncoder();

    static int preferred(List<Integer> clientCodes) {
        for (int code : clientCodes) {
            if (code == EncodingType.ZRLE || code == EncodingType.HEXTILE || code == EncodingType.RAW) {
                return code;
            }
        }
        return EncodingType.RAW;
    }

    RectEncoder choose(List<Integer> clientCodes) {
        return switch (preferred(clientCodes)) {
            case EncodingType.ZRLE -> zrle;
            case EncodingType.HEXTILE -> hextile;
            default -> raw;
        };
    }

    @Override
    public void close() {
        zrle.close();
    }
}
