package dev.ums.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A Cloud Gateway the server keeps a control link to: its URL and the pin of its certificate. The URL is kept in one
 * form (scheme and host in lower case, no trailing slash), since the nodes of a cluster find the gateway's lease and
 * its sessions' audit entries by it: nodes given {@code https://GW.example:8443/} and {@code https://gw.example:8443}
 * name the same gateway.
 */
public record GatewayTarget(String url, String fingerprint) {
    /** @throws IllegalArgumentException with a sentence when {@code url} is no URL with a scheme and a host */
    public GatewayTarget {
        url = canonical(url);
    }

    private static String canonical(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the gateway URL " + url + " is not a URL: " + e.getReason(), e);
        }
        if (uri.getScheme() != null && uri.getRawAuthority() != null && uri.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL " + url + " names no valid host (a host name has "
                    + "letters, digits, dots and hyphens only)");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("the gateway URL " + url
                    + " names no scheme and host, such as https://gateway.example:8443");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }
}
