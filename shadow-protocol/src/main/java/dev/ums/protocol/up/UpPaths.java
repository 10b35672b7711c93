package dev.ums.protocol.up;

/** The URL paths and header conventions shared by server, gateway, agents and consoles. */
public final class UpPaths {
    /** Device enrollment, {@code POST}, enrollment token as {@code Authorization: Bearer <token>}. */
    public static final String ENROLL = "/device-connector/enroll";
    /** The device's Unified Protocol WebSocket, {@code Authorization: Device <deviceId>:<credential>}. */
    public static final String UP = "/device-connector/up";
    /** Tunnel WebSocket prefix; the session id follows; {@code Authorization: Bearer <token>}. */
    public static final String TUNNEL_PREFIX = "/shadow/tunnel/";
    public static final String DEVICE_AUTH_SCHEME = "Device ";
    public static final String BEARER = "Bearer ";

    private UpPaths() {
    }

    public static String deviceAuthorization(String deviceId, String credential) {
        return DEVICE_AUTH_SCHEME + deviceId + ":" + credential;
    }
}
