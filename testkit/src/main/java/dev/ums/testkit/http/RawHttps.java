package dev.ums.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/1.1 client over a real TLS socket that sends exactly the bytes it is given, when it is told to: for
 * requests no well-behaved client makes (a body trickled byte by byte, a Content-Length that lies, headers
 * never finished). One thread uses an instance at a time.
 */
public final class RawHttps implements Closeable {
    /** A response as it came: status, headers (lower-case names), body. */
    public record Reply(int status, Map<String, String> headers, String body) {
    }

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttps(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the TLS handshake (the server's certificate checked by {@code tls}). */
    public static RawHttps connect(SSLContext tls, String host, int port) throws IOException {
        return connect(tls, host, port, new byte[0]);
    }

    /** As {@link #connect(SSLContext, String, int)}, sending {@code preface} (a PROXY protocol header) before TLS. */
    public static RawHttps connect(SSLContext tls, String host, int port, byte[] preface) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, port), 10_000);
            raw.setSoTimeout(30_000);
            raw.getOutputStream().write(preface);
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
            socket.startHandshake();
            return new RawHttps(socket);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** The head of a request: request line, {@code Host}, the given headers, the blank line. */
    public static String head(String method, String path, Map<String, String> headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b.append("\r\n").toString();
    }

    /** A whole request with a UTF-8 body and its true length. */
    public static String request(String method, String path, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        all.put("Content-Length", String.valueOf(bytes.length));
        all.putIfAbsent("Content-Type", "application/json");
        return head(method, path, all) + body;
    }

    public RawHttps send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawHttps send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response (no body for 101, 204 and 304; else Content-Length, chunked, or up to the end). */
    public Reply reply(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body;
        if (status == 101 || status == 204 || status == 304) {
            body = new byte[0]; // no body by definition; after a 101 the connection speaks another protocol
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            line();
            body = all.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Whether the server closed the connection within {@code timeout} (anything it still sends is skipped);
     * false when it is still open then.
     */
    public boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] skip = new byte[4096];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) left);
            try {
                if (in.read(skip) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
