package dev.ums.agent.internal.rfb;

/**
 * The lengths of the RFB client-to-server messages the filter knows (RFC 6143 plus the common
 * extensions viewers send): how many header bytes decide a message's length, and what that length is.
 */
final class RfbClientMessages {
    static final int SET_PIXEL_FORMAT = 0;
    static final int SET_ENCODINGS = 2;
    static final int FRAMEBUFFER_UPDATE_REQUEST = 3;
    static final int KEY_EVENT = 4;
    static final int POINTER_EVENT = 5;
    static final int CLIENT_CUT_TEXT = 6;
    static final int ENABLE_CONTINUOUS_UPDATES = 150;
    static final int FENCE = 248;
    static final int SET_DESKTOP_SIZE = 251;
    static final int QEMU = 255;
    private static final int QEMU_EXTENDED_KEY_EVENT = 0;

    private RfbClientMessages() {
    }

    /**
     * How many bytes of the message must be read before its total length is known, given the {@code fill}
     * bytes read so far.
     *
     * @throws UnfilterableStreamException for a message type or QEMU subtype it does not know
     */
    static int headerLength(byte[] header, int fill) throws UnfilterableStreamException {
        int type = header[0] & 0xff;
        return switch (type) {
            case SET_PIXEL_FORMAT, FRAMEBUFFER_UPDATE_REQUEST, KEY_EVENT, POINTER_EVENT, ENABLE_CONTINUOUS_UPDATES -> 1;
            case SET_ENCODINGS -> 4;
            case CLIENT_CUT_TEXT, SET_DESKTOP_SIZE -> 8;
            case FENCE -> 9;
            case QEMU -> {
                if (fill >= 2 && (header[1] & 0xff) != QEMU_EXTENDED_KEY_EVENT) {
                    throw new UnfilterableStreamException("unknown QEMU client message subtype " + (header[1] & 0xff));
                }
                yield 2;
            }
            default -> throw new UnfilterableStreamException("unknown RFB client message type " + type);
        };
    }

    /** The whole message's length, header included, from its complete header. */
    static long totalLength(byte[] header) throws UnfilterableStreamException {
        int type = header[0] & 0xff;
        return switch (type) {
            case SET_PIXEL_FORMAT -> 20;
            case SET_ENCODINGS -> 4 + 4L * u16(header, 2);
            case FRAMEBUFFER_UPDATE_REQUEST, ENABLE_CONTINUOUS_UPDATES -> 10;
            case KEY_EVENT -> 8;
            case POINTER_EVENT -> 6;
            // Extended clipboard (a negative length) carries abs(length) bytes.
            case CLIENT_CUT_TEXT -> 8 + Math.abs((long) s32(header, 4));
            case FENCE -> 9 + (header[8] & 0xff);
            case SET_DESKTOP_SIZE -> 8 + 16L * (header[6] & 0xff);
            case QEMU -> 12;
            default -> throw new UnfilterableStreamException("unknown RFB client message type " + type);
        };
    }

    /** Whether the message carries input from the viewer: keys, pointer, clipboard. */
    static boolean isInput(byte[] header) {
        int type = header[0] & 0xff;
        return type == KEY_EVENT || type == POINTER_EVENT || type == CLIENT_CUT_TEXT || type == QEMU;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int s32(byte[] b, int at) {
        return (b[at] << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
