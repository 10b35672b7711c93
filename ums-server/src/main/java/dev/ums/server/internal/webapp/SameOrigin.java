package dev.ums.server.internal.webapp;

/**
 * Whether a browser request comes from this server's own pages: its {@code Origin} header must be exactly
 * {@code https://} and the {@code Host} the browser addressed. A page of another site sends its own origin
 * (browsers set the header themselves on every cross-origin request and on WebSocket upgrades; a script
 * cannot change it), so its requests fail here even when the browser would attach our cookie. Stateless.
 */
public final class SameOrigin {
    private SameOrigin() {
    }

    public static boolean matches(String origin, String host) {
        return origin != null && host != null && !host.isBlank() && origin.equalsIgnoreCase("https://" + host);
    }
}
