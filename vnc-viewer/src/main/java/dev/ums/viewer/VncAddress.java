package dev.ums.viewer;

/** A VNC server address as users write it: {@code host:port}, {@code [v6-address]:port}, or {@code host} for port 5900. */
public record VncAddress(String host, int port) {
    public static final int DEFAULT_PORT = 5900;

    public static VncAddress parse(String text) {
        String t = text.trim();
        String host = t;
        String port = null;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("'" + text + "' is not a valid address; use HOST:PORT.");
            }
            host = t.substring(1, end);
            port = end + 1 < t.length() && t.charAt(end + 1) == ':' ? t.substring(end + 2) : null;
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = t.substring(t.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host name; use HOST:PORT.");
        }
        if (port == null) {
            return new VncAddress(host, DEFAULT_PORT);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return new VncAddress(host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + port + "' is not a valid port number (1–65535).");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
