package dev.ums.rfb;

/**
 * The lengths of client-to-server messages, for a reader that passes messages on without decoding them: how many
 * header bytes decide a message's length, and what that length is. A message type (or QEMU kind) whose length is
 * unknown gives {@link #UNKNOWN}: nothing after it can be parsed, and the reader says so in its own words.
 */
public final class ClientMessageLengths {
    public static final int UNKNOWN = -1;
    /** Type, padding, the width and height, the number of screens, padding; the screens follow. */
    private static final int SET_DESKTOP_SIZE_HEADER = 8;
    /** Type, kind, down flag, keysym, scancode. */
    private static final int QEMU_EXTENDED_KEY_EVENT_LENGTH = 12;

    private ClientMessageLengths() {
    }

    /**
     * How many bytes of the message must be read before its total length is known, given the {@code fill} bytes
     * read so far (at least the type); {@link #UNKNOWN} for an unknown type or QEMU kind.
     */
    public static int headerLength(byte[] header, int fill) {
        int type = header[0] & 0xff;
        return switch (type) {
            case MessageType.SET_PIXEL_FORMAT, MessageType.FRAMEBUFFER_UPDATE_REQUEST,
                    MessageType.KEY_EVENT, MessageType.POINTER_EVENT,
                    MessageType.ENABLE_CONTINUOUS_UPDATES -> 1;
            case MessageType.SET_ENCODINGS -> SetEncodings.HEADER_LENGTH;
            case MessageType.CLIENT_CUT_TEXT -> CutText.HEADER_LENGTH;
            case MessageType.SET_DESKTOP_SIZE -> SET_DESKTOP_SIZE_HEADER;
            case MessageType.FENCE -> Fence.HEADER_LENGTH;
            case MessageType.QEMU -> fill >= 2 && (header[1] & 0xff) != MessageType.QEMU_EXTENDED_KEY_EVENT ? UNKNOWN : 2;
            default -> UNKNOWN;
        };
    }

    /** The whole message's length, header included, from its complete header; {@link #UNKNOWN} as above. */
    public static long totalLength(byte[] header) {
        int type = header[0] & 0xff;
        return switch (type) {
            case MessageType.SET_PIXEL_FORMAT -> SetPixelFormat.LENGTH;
            case MessageType.SET_ENCODINGS -> SetEncodings.length(header);
            case MessageType.FRAMEBUFFER_UPDATE_REQUEST -> FramebufferUpdateRequest.LENGTH;
            case MessageType.ENABLE_CONTINUOUS_UPDATES -> EnableContinuousUpdates.LENGTH;
            case MessageType.KEY_EVENT -> KeyEvent.LENGTH;
            case MessageType.POINTER_EVENT -> PointerEvent.LENGTH;
            case MessageType.CLIENT_CUT_TEXT -> CutText.length(header);
            case MessageType.FENCE -> Fence.length(header);
            case MessageType.SET_DESKTOP_SIZE -> SET_DESKTOP_SIZE_HEADER
                    + (long) ExtendedDesktopSize.SCREEN_LENGTH * (header[6] & 0xff);
            case MessageType.QEMU -> QEMU_EXTENDED_KEY_EVENT_LENGTH;
            default -> UNKNOWN;
        };
    }
}
