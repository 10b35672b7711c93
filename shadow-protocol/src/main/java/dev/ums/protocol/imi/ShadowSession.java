package dev.ums.protocol.imi;

/**
 * Answer of {@code POST /umsapi/v3/thinclients/{id}/shadow}: where and with which single-use token the
 * console opens its tunnel. {@code fingerprint} is the SHA-256 of the tunnel endpoint's certificate when
 * that endpoint is not the server the console is talking to (a gateway).
 */
public record ShadowSession(String sessionId, String tunnelUrl, String token, String route,
                            boolean viewOnly, long expiresInSeconds, String fingerprint) {
    /** Without the token, which opens the tunnel: a log line or a failure's text may quote the session. */
    @Override
    public String toString() {
        return "ShadowSession[sessionId=" + sessionId + ", tunnelUrl=" + tunnelUrl + ", token=(hidden), route=" + route
                + ", viewOnly=" + viewOnly + ", expiresInSeconds=" + expiresInSeconds + ", fingerprint=" + fingerprint
                + "]";
    }
}
