package dev.ums.console.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a UMS server is, parsed from what a user types ({@code https://host:8443}, {@code host:8443},
 * {@code host}): always HTTPS, port 8443 unless given, any path dropped because the API root is fixed; the host in
 * lower case without a final dot, so that each server has one address (its pin's key).
 */
public record ServerAddress(String host, int port) {
    public static final int DEFAULT_PORT = 8443;

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the server address has no host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the server port must be between 1 and 65535, got " + port);
        }
        // host names are case-insensitive, and the pin of a server is kept under this address: "UMS.example" must
        // not be a server met for the first time (a milder question) when "ums.example" is pinned
        host = host.toLowerCase(Locale.ROOT);
        if (host.length() > 1 && host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
    }

    /** Parses a user's input; a plain-HTTP URL is refused because credentials would travel in clear text. */
    public static ServerAddress parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a server address: " + text);
        }
        if (!"https".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the server address must use https://, got: " + text);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a server address: " + text);
        }
        return new ServerAddress(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    /** The IMI v3 API root, e.g. {@code https://host:8443/umsapi/v3/}. */
    public URI apiRoot() {
        return URI.create("https://" + hostForUri() + ":" + port + "/umsapi/v3/");
    }

    private String hostForUri() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return hostForUri() + ":" + port;
    }
}
