package dev.ums.protocol.imi;

/**
 * Answer of {@code POST /umsapi/v3/thinclients/{id}/shadow}: where and with which single-use token the
 * console opens its tunnel. {@code fingerprint} is the SHA-256 of the tunnel endpoint's certificate when
 * that endpoint is not the server the console is talking to (a gateway).
 */
public record ShadowSession(String sessionId, String tunnelUrl, String token, String route,
                            boolean viewOnly, long expiresInSeconds, String fingerprint) {
}
