package dev.ums.console.proxy;

import java.net.InetSocketAddress;

/**
 * The local address a proxy listens on, parsed from {@code HOST:PORT} ({@code [v6]:PORT} for IPv6);
 * port 0 means any free port.
 */
public record ListenAddress(String host, int port) {
    /** Loopback on a free port: only programs on this machine can reach the session. */
    public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 0);

    public ListenAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the listen address has no host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the listen port must be between 0 and 65535, got " + port);
        }
    }

    public static ListenAddress parse(String text) {
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("a listen address is HOST:PORT, got: " + text);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new ListenAddress(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a listen address is HOST:PORT, got: " + text);
        }
    }

    InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }
}
