package dev.ums.protocol.gateway;

/** Paths and header conventions of the Cloud Gateway (besides the device paths it shares with the server). */
public final class GatewayPaths {
    /** The server's control link, {@code Authorization: Gateway <shared secret>}. */
    public static final String SERVER_LINK = "/icg/server";
    /** Health check: {@code {"status":"ok|warn|err"}}. */
    public static final String CHECK_STATUS = "/usg/check-status";
    public static final String AUTH_SCHEME = "Gateway ";

    private GatewayPaths() {
    }
}
