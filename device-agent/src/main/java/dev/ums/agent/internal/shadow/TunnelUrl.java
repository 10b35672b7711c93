package dev.ums.agent.internal.shadow;

import java.io.IOException;
import java.net.URI;

/**
 * The address of a session's tunnel as the server names it in {@code shadow.open}. Always {@code wss}: the tunnel
 * token and the device's screen travel on it, so any other address is refused before a connection is opened (a
 * server whose advertised address is {@code http://} names a {@code ws://} tunnel). Immutable; any thread.
 */
record TunnelUrl(URI uri) {
    /** @throws IOException with one sentence for the server and the console: not a URL, not wss, no host, bad port */
    static TunnelUrl parse(String text) throws IOException {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("the tunnel URL \"" + ShownValue.of(text) + "\" is not valid");
        }
        if (!"wss".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("the server named a tunnel that is not TLS-protected, so the device did not open it: "
                    + ShownValue.of(text));
        }
        if (uri.getHost() == null) {
            throw new IOException("the tunnel URL \"" + ShownValue.of(text) + "\" is not valid");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new IOException("the tunnel URL \"" + ShownValue.of(text) + "\" names no valid port");
        }
        return new TunnelUrl(uri);
    }
}
