package dev.ums.rfb;

/** The numbers of the client-to-server messages: RFC 6143 and the extensions viewers commonly send. */
public final class ClientMessageType {
    public static final int SET_PIXEL_FORMAT = 0;
    public static final int SET_ENCODINGS = 2;
    public static final int FRAMEBUFFER_UPDATE_REQUEST = 3;
    public static final int KEY_EVENT = 4;
    public static final int POINTER_EVENT = 5;
    public static final int CLIENT_CUT_TEXT = 6;
    public static final int ENABLE_CONTINUOUS_UPDATES = 150;
    public static final int FENCE = 248;
    public static final int SET_DESKTOP_SIZE = 251;
    /** QEMU's messages; the second byte names the kind. */
    public static final int QEMU = 255;
    /** The QEMU kind of an extended key event (a keysym and a scancode). */
    public static final int QEMU_EXTENDED_KEY_EVENT = 0;

    private ClientMessageType() {
    }
}
