package dev.ums.protocol.tunnel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The client's opening handshake (RFC 6455 §4.1) on a connected socket: an HTTP/1.1 upgrade request carrying the
 * tunnel token as a bearer credential, then the server's answer checked (status 101, upgrade to websocket, the
 * accept key derived from ours, no extension we did not ask for). The answer's head is bounded; anything the
 * server sent after it stays in the returned stream as the first frame bytes.
 */
final class ClientUpgrade {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientUpgrade() {
    }

    /** The server answered the upgrade with another status, such as 401 for a refused token. */
    static final class Refused extends IOException {
        private final int status;

        Refused(int status) {
            super("the server answered the WebSocket upgrade with HTTP " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    static InputStream perform(InputStream socketIn, OutputStream socketOut, URI uri, String token)
            throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getRawAuthority() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "\r\n";
        socketOut.write(request.getBytes(StandardCharsets.ISO_8859_1));
        socketOut.flush();

        BufferedInputStream in = new BufferedInputStream(socketIn, 64 * 1024);
        Head head = Head.read(in);
        if (head.status != 101) {
            throw new Refused(head.status);
        }
        if (!"websocket".equalsIgnoreCase(head.header("upgrade"))
                || !head.header("connection").toLowerCase(Locale.ROOT).contains("upgrade")) {
            throw new IOException("the server did not upgrade the connection to a WebSocket");
        }
        if (!acceptFor(key).equals(head.header("sec-websocket-accept"))) {
            throw new IOException("the server's WebSocket accept key does not match the request");
        }
        if (!head.header("sec-websocket-extensions").isEmpty()) {
            throw new IOException("the server chose a WebSocket extension that was not offered");
        }
        return in;
    }

    /**
     * Whether {@code token} can go in the upgrade's {@code Authorization} header as it is: visible ASCII, no spaces
     * (a line break in it would add headers of the peer's choosing to the request).
     */
    static boolean isHeaderToken(String token) {
        return token != null && !token.isEmpty() && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable in this JVM", e);
        }
    }

    /** The status line and headers of an HTTP response, read up to the empty line and no further. */
    private record Head(int status, Map<String, String> headers) {
        String header(String lowerCaseName) {
            return headers.getOrDefault(lowerCaseName, "");
        }

        static Head read(InputStream in) throws IOException {
            StringBuilder text = new StringBuilder();
            int total = 0;
            while (!endsWithBlankLine(text)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed the connection during the WebSocket upgrade");
                }
                if (++total > MAX_HEAD) {
                    throw new IOException("the server's answer to the WebSocket upgrade is too long");
                }
                text.append((char) b);
            }
            String[] lines = text.toString().split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("the server did not answer the WebSocket upgrade with HTTP");
            }
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (NumberFormatException e) {
                throw new IOException("the server did not answer the WebSocket upgrade with HTTP");
            }
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            return new Head(status, headers);
        }

        private static boolean endsWithBlankLine(StringBuilder text) {
            int n = text.length();
            return n >= 4 && text.charAt(n - 1) == '\n' && text.charAt(n - 2) == '\r' && text.charAt(n - 3) == '\n'
                    && text.charAt(n - 4) == '\r';
        }
    }
}
