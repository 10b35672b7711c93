package dev.ums.rfb;

/**
 * The lengths of client-to-server messages, for a reader that passes messages on without decoding them: how many
 * header bytes decide a message's length, and what that length is.
 */
public final class ClientMessageLengths {
    /** Type, padding, the width and height, the number of screens, padding; the screens follow. */
    private static final int SET_DESKTOP_SIZE_HEADER = 8;
    /** Type, kind, down flag, keysym, scancode. */
    private static final int QEMU_EXTENDED_KEY_EVENT_LENGTH = 12;

    private ClientMessageLengths() {
    }

    /**
     * How many bytes of the message must be read before its total length is known, given the {@code fill} bytes
     * read so far (at least the type).
     *
     * @throws UnknownMessageTypeException for a type or QEMU kind whose length is unknown
     */
    public static int headerLength(byte[] header, int fill) throws UnknownMessageTypeException {
        int type = header[0] & 0xff;
        return switch (type) {
            case ClientMessageType.SET_PIXEL_FORMAT, ClientMessageType.FRAMEBUFFER_UPDATE_REQUEST,
                    ClientMessageType.KEY_EVENT, ClientMessageType.POINTER_EVENT,
                    ClientMessageType.ENABLE_CONTINUOUS_UPDATES -> 1;
            case ClientMessageType.SET_ENCODINGS -> SetEncodings.HEADER_LENGTH;
            case ClientMessageType.CLIENT_CUT_TEXT -> CutText.HEADER_LENGTH;
            case ClientMessageType.SET_DESKTOP_SIZE -> SET_DESKTOP_SIZE_HEADER;
            case ClientMessageType.FENCE -> Fence.HEADER_LENGTH;
            case ClientMessageType.QEMU -> {
                if (fill >= 2 && (header[1] & 0xff) != ClientMessageType.QEMU_EXTENDED_KEY_EVENT) {
                    throw new UnknownMessageTypeException(type, header[1] & 0xff);
                }
                yield 2;
            }
            default -> throw new UnknownMessageTypeException(type, -1);
        };
    }

    /** The whole message's length, header included, from its complete header. */
    public static long totalLength(byte[] header) throws UnknownMessageTypeException {
        int type = header[0] & 0xff;
        return switch (type) {
            case ClientMessageType.SET_PIXEL_FORMAT -> SetPixelFormat.LENGTH;
            case ClientMessageType.SET_ENCODINGS -> SetEncodings.length(header);
            case ClientMessageType.FRAMEBUFFER_UPDATE_REQUEST -> FramebufferUpdateRequest.LENGTH;
            case ClientMessageType.ENABLE_CONTINUOUS_UPDATES -> EnableContinuousUpdates.LENGTH;
            case ClientMessageType.KEY_EVENT -> KeyEvent.LENGTH;
            case ClientMessageType.POINTER_EVENT -> PointerEvent.LENGTH;
            case ClientMessageType.CLIENT_CUT_TEXT -> CutText.length(header);
            case ClientMessageType.FENCE -> Fence.length(header);
            case ClientMessageType.SET_DESKTOP_SIZE -> SET_DESKTOP_SIZE_HEADER
                    + (long) ExtendedDesktopSize.SCREEN_LENGTH * (header[6] & 0xff);
            case ClientMessageType.QEMU -> QEMU_EXTENDED_KEY_EVENT_LENGTH;
            default -> throw new UnknownMessageTypeException(type, -1);
        };
    }
}
