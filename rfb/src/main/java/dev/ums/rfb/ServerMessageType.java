package dev.ums.rfb;

/** The numbers of the server-to-client messages: RFC 6143 and the extensions we announce. */
public final class ServerMessageType {
    public static final int FRAMEBUFFER_UPDATE = 0;
    public static final int SET_COLOUR_MAP_ENTRIES = 1;
    public static final int BELL = 2;
    public static final int SERVER_CUT_TEXT = 3;
    /** The server's confirmation that it can do continuous updates, and the end of them; no body. */
    public static final int END_OF_CONTINUOUS_UPDATES = 150;
    public static final int FENCE = 248;

    private ServerMessageType() {
    }
}
