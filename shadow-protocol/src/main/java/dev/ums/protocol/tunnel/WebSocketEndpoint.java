package dev.ums.protocol.tunnel;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A tunnel WebSocket seen as a byte {@link Endpoint}: binary frames in, binary frames out, over a blocking
 * (TLS) socket of its own.
 *
 * <p>Bytes go straight between the socket and the caller's arrays: a read returns payload bytes of the
 * current frame, a write sends one masked frame per 64 KiB. Nothing is queued in between, so backpressure is
 * TCP's: a reader that stops makes the remote sender stop, and a write blocks while the network does. A quiet
 * tunnel is pinged and a silent server given up ({@link Keepalive}). The
 * input stream is read by one thread and the output stream written by one thread; {@link #close()} may come
 * from any thread and ends both.
 */
public final class WebSocketEndpoint implements Endpoint {
    private static final int NORMAL_CLOSURE = 1000;
    /** How long a close waits for a data frame stuck in the network before it drops the connection. */
    private static final long CLOSE_WAIT_MILLIS = 500;
    /** How long the server gets to answer our close frame before the connection is dropped. */
    private static final long CLOSE_LINGER_SECONDS = 2;

    private final Socket socket;
    /**
     * The TCP socket under the TLS one, which closing ends: that also ends a read or a write blocked in TLS, where
     * closing the TLS socket would wait for them (the close frame already said goodbye, so no TLS close alert is
     * needed).
     */
    private final Socket raw;
    private final FrameWriter writer;
    private final Keepalive keepalive;
    private final InputStream input;
    private final OutputStream output;
    private volatile boolean closed;
    private volatile String closeReason;
    private volatile int closeCode;

    private WebSocketEndpoint(Socket socket, Socket raw, InputStream afterUpgrade, Keepalive.Times keepaliveTimes)
            throws IOException {
        this.socket = socket;
        this.raw = raw;
        this.writer = new FrameWriter(socket.getOutputStream());
        this.keepalive = new Keepalive(keepaliveTimes, new Keepalive.Tunnel() {
            @Override
            public void ping() throws IOException {
                writer.ping();
            }

            @Override
            public void drop() {
                closeQuietly(raw);
            }
        });
        this.input = new FrameReader(keepalive.watch(afterUpgrade), writer, this::closedByServer, () -> closed);
        this.output = new Output();
    }

    /**
     * Opens the tunnel at {@code uri} ({@code wss://} or {@code ws://}) with its single-use {@code token} in the
     * Authorization header. TLS uses {@code client}'s context, so the same pin applies as to its REST calls.
     *
     * @throws IOException with one sentence: a token that is no header value (refused before anything connects),
     *                     the server's refusal, a pin mismatch, the network failure
     */
    public static WebSocketEndpoint connect(HttpClient client, URI uri, String token, Duration timeout)
            throws IOException {
        return connect(client, uri, token, timeout, Keepalive.Times.DEFAULT);
    }

    static WebSocketEndpoint connect(HttpClient client, URI uri, String token, Duration timeout,
            Keepalive.Times keepaliveTimes) throws IOException {
        if (!ClientUpgrade.isHeaderToken(token)) {
            throw new IOException("the tunnel token is not valid");
        }
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|]$", "");
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(host, port), millis);
            raw.setSoTimeout(millis);
            Socket socket = secure ? startTls(client, raw, host, port) : raw;
            InputStream afterUpgrade = ClientUpgrade.perform(socket.getInputStream(), socket.getOutputStream(), uri,
                    token);
            raw.setSoTimeout(0);
            return new WebSocketEndpoint(socket, raw, afterUpgrade, keepaliveTimes);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw new IOException(TunnelFailures.describe(uri, e), e);
        }
    }

    private static SSLSocket startTls(HttpClient client, Socket raw, String host, int port) throws IOException {
        SSLSocket tls = (SSLSocket) client.sslContext().getSocketFactory().createSocket(raw, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        // A name, not an address literal: IPv4 ends in a digit, IPv6 contains colons.
        if (!host.isEmpty() && !host.contains(":") && Character.isLetter(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return tls;
    }

    /** Why the remote side closed the tunnel, if it said so. */
    public String closeReason() {
        return closeReason;
    }

    /** The typed reason the remote side closed the tunnel with, if it gave one of ours. */
    public Optional<SessionEnd> endedWith() {
        return SessionEnd.ofCloseCode(closeCode);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /**
     * Sends a close frame and drops the connection once the server answered it (or after a short while); when a
     * write is stuck because the server stopped reading, drops it at once. Safe to call repeatedly.
     */
    @Override
    public void close() {
        close(NORMAL_CLOSURE, "closed");
    }

    /** Closes as {@link #close()} does, telling the remote side the typed reason. */
    public void close(SessionEnd end) {
        close(end.closeCode(), end.wireName());
    }

    private void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        keepalive.stop();
        if (writer.close(code, reason, CLOSE_WAIT_MILLIS)) {
            CompletableFuture.delayedExecutor(CLOSE_LINGER_SECONDS, TimeUnit.SECONDS).execute(() -> closeQuietly(raw));
        } else {
            closeQuietly(raw);
        }
    }

    private void closedByServer(int code, String reason) {
        closeReason = reason == null || reason.isEmpty() ? null : reason;
        closeCode = code;
        closed = true;
        keepalive.stop();
        writer.close(code == 1005 ? NORMAL_CLOSURE : code, "", CLOSE_WAIT_MILLIS);
        closeQuietly(raw);
    }

    @Override
    public String toString() {
        return "tunnel " + socket.getRemoteSocketAddress();
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            try {
                writer.binary(b, off, len);
            } catch (IOException e) {
                throw new IOException("the tunnel closed while sending", e);
            }
        }
    }
}
