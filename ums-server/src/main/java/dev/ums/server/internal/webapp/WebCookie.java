package dev.ums.server.internal.webapp;

/**
 * The web app's session cookie and its request-token header. The cookie is {@code Secure; HttpOnly;
 * SameSite=Strict} with the {@code __Host-} prefix (so it is bound to this host and path {@code /}: the pages,
 * the REST API and the tunnel endpoint see it, a sub-domain cannot set it); scripts cannot read it. The
 * header carries the session's request token, which scripts of another site cannot learn. Stateless.
 */
public final class WebCookie {
    public static final String NAME = "__Host-ums-webapp";
    /** The header every state-changing call of the web app carries, holding its session's request token. */
    public static final String REQUEST_TOKEN_HEADER = "X-UMS-Request-Token";

    private WebCookie() {
    }

    public static String set(String sessionId) {
        return NAME + "=" + sessionId + "; Path=/; Secure; HttpOnly; SameSite=Strict";
    }

    public static String clear() {
        return NAME + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
    }
}
