package dev.ums.bench.attack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One login over a TLS connection of its own from a chosen local address, so that a flood comes from another
 * address than the probes (the JDK's HTTP client of Java 17 cannot choose its source address). Any thread.
 */
final class RawLogin {
    private RawLogin() {
    }

    /** The HTTP status the server answers {@code user}'s login with, or -1 when the connection failed. */
    static int status(SSLContext tls, String from, String host, int port, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String request = "POST /umsapi/v3/login HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Basic " + basic
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        try (Socket raw = new Socket()) {
            raw.bind(new InetSocketAddress(from, 0));
            raw.connect(new InetSocketAddress(host, port), 5000);
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true)) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                return statusOf(s.getInputStream());
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The status code of an HTTP/1.1 status line ("HTTP/1.1 429 …"). */
    private static int statusOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }
}
