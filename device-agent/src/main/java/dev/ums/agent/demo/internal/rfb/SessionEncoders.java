package dev.ums.agent.demo.internal.rfb;

/**
 * The encoders of one session, and the choice among them: the first of ZRLE, Hextile and Raw in the client's
 * order of preference, Raw when it lists none of them (the specification requires every client to take Raw).
 */
final class SessionEncoders implements AutoCloseable {
    private final RawEncoder raw = new RawEncoder();
    private final HextileEncoder hextile = new HextileEncoder();
    private final ZrleEncoder zrle = new ZrleEncoder();

    static int preferred(int[] clientCodes) {
        for (int code : clientCodes) {
            if (code == RectEncoder.ZRLE || code == RectEncoder.HEXTILE || code == RectEncoder.RAW) {
                return code;
            }
        }
        return RectEncoder.RAW;
    }

    static boolean accepts(int[] clientCodes, int code) {
        for (int c : clientCodes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }

    RectEncoder choose(int[] clientCodes) {
        return switch (preferred(clientCodes)) {
            case RectEncoder.ZRLE -> zrle;
            case RectEncoder.HEXTILE -> hextile;
            default -> raw;
        };
    }

    @Override
    public void close() {
        zrle.close();
    }
}
