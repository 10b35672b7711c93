package dev.ums.rfb;

/** The numbers of the RFB security types we know, and the sizes of VNC authentication's exchange. */
public final class SecurityType {
    /** In RFB 3.3, the "type" a server sends to refuse the connection; a reason string follows. */
    public static final int INVALID = 0;
    public static final int NONE = 1;
    public static final int VNC_AUTHENTICATION = 2;
    /** VeNCrypt: a version exchange, then a subtype ({@link VeNCrypt}) chosen from the server's list. */
    public static final int VENCRYPT = 19;
    /** VNC authentication: the server's random challenge, and the client's DES-encrypted answer, are 16 bytes each. */
    public static final int CHALLENGE_LENGTH = 16;

    private SecurityType() {
    }
}
