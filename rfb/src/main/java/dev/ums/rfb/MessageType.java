package dev.ums.rfb;

/**
 * The numbers of RFB messages in both directions: RFC 6143's and the extensions viewers commonly send or we
 * announce. Fence has the same number both ways.
 */
public final class MessageType {
    // client to server
    public static final int SET_PIXEL_FORMAT = 0;
    public static final int SET_ENCODINGS = 2;
    public static final int FRAMEBUFFER_UPDATE_REQUEST = 3;
    public static final int KEY_EVENT = 4;
    public static final int POINTER_EVENT = 5;
    public static final int CLIENT_CUT_TEXT = 6;
    public static final int ENABLE_CONTINUOUS_UPDATES = 150;
    public static final int SET_DESKTOP_SIZE = 251;
    /** QEMU's client messages; the second byte names the kind. */
    public static final int QEMU = 255;
    /** The QEMU kind of an extended key event (a keysym and a scancode). */
    public static final int QEMU_EXTENDED_KEY_EVENT = 0;
    // either direction
    public static final int FENCE = 248;
    // server to client
    public static final int FRAMEBUFFER_UPDATE = 0;
    public static final int SET_COLOUR_MAP_ENTRIES = 1;
    public static final int BELL = 2;
    public static final int SERVER_CUT_TEXT = 3;
    /** The server's confirmation that it can do continuous updates, and the end of them; no body. */
    public static final int END_OF_CONTINUOUS_UPDATES = 150;

    private MessageType() {
    }
}
