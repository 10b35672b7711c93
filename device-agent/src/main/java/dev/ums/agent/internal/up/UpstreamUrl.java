package dev.ums.agent.internal.up;

import java.net.URI;
import java.util.Locale;

/**
 * The base URL of the server or Cloud Gateway a device talks to. Always {@code https}: the enrollment token and the
 * device's credential travel on it, so a plain-HTTP address is refused before anything is sent. Immutable; any
 * thread.
 */
public final class UpstreamUrl {
    private final URI base;

    private UpstreamUrl(URI base) {
        this.base = base;
    }

    /**
     * Parses what the user gave ({@code https://host:port}).
     *
     * @throws IllegalArgumentException with one sentence for the user: not a URL, or not https
     */
    public static UpstreamUrl parse(String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
        if (uri.getScheme() == null || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the server address must use https://, got: " + text);
        }
        if (uri.getHost() == null) {
            throw invalid(text);
        }
        return new UpstreamUrl(URI.create("https://" + uri.getRawAuthority() + "/"));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("the server URL \"" + text + "\" is not valid; expected https://HOST:PORT");
    }

    /** The HTTPS address of {@code path} on this server. */
    URI https(String path) {
        return base.resolve(path);
    }

    /** The WebSocket address of {@code path} on this server, always {@code wss}. */
    URI webSocket(String path) {
        return URI.create("wss://" + base.getRawAuthority() + "/").resolve(path);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
