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

    /**
     * Whether a browser says that a page of another site, or of another host of the same site, started this
     * request: an {@code Origin} other than this server's (browsers send it on every request but a plain GET or
     * HEAD, and {@code null} from a sandboxed or privacy-sensitive context), or {@code Sec-Fetch-Site: cross-site}
     * or {@code same-site}. The web app's own calls are {@code same-origin}, an address typed or bookmarked is
     * {@code none}; API clients send neither header.
     */
    public static boolean startedElsewhere(String origin, String fetchSite, String host) {
        return (origin != null && !matches(origin, host))
                || "cross-site".equalsIgnoreCase(fetchSite) || "same-site".equalsIgnoreCase(fetchSite);
    }
}
