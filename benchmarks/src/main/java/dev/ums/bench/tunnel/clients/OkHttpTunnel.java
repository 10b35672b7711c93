package dev.ums.bench.tunnel.clients;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.Endpoint;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The console's side of a tunnel opened with OkHttp's WebSocket, seen as a byte {@link Endpoint}.
 *
 * <p>OkHttp reads frames on one thread per WebSocket and calls its listener there once per whole message;
 * the listener hands each message (a read-only view, no copy) to a bounded {@link ReceivedMessages} and blocks while it is full. Sending
 * is {@link WebSocket#send(ByteString)}, which only enqueues (up to 16 MiB, past which OkHttp closes the
 * WebSocket); OkHttp has no completion signal, so a write waits, polling {@link WebSocket#queueSize()},
 * until at most {@value #SEND_QUEUE_BOUND} bytes are queued. The input is read by one thread and the output
 * written by one thread; {@link #close()} may come from any thread.
 */
public final class OkHttpTunnel extends MessageTunnel {
    private static final int SEND_QUEUE_BOUND = 256 * 1024;
    private final CompletableFuture<Response> opened = new CompletableFuture<>();
    private volatile String extensions = "";
    private WebSocket webSocket;

    private OkHttpTunnel() {
    }

    /**
     * A client for tunnels whose endpoint presents the certificate {@code pin} names. No host-name rule
     * applies: the pin names the one acceptable key, as for the console's own client.
     */
    public static OkHttpClient client(PinnedTrust pin, Duration timeout) {
        return builder(pin, timeout).build();
    }

    /**
     * As {@link #client}, but the upgrade request offers no permessage-deflate: OkHttp always adds the offer,
     * and only an application interceptor (which sees the request after OkHttp added it) can take it back.
     */
    public static OkHttpClient withoutCompression(PinnedTrust pin, Duration timeout) {
        return builder(pin, timeout)
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().removeHeader("Sec-WebSocket-Extensions").build()))
                .build();
    }

    private static OkHttpClient.Builder builder(PinnedTrust pin, Duration timeout) {
        return new OkHttpClient.Builder()
                .sslSocketFactory(pin.sslContext().getSocketFactory(), pin)
                .hostnameVerifier((host, session) -> true)
                .connectTimeout(timeout)
                .readTimeout(Duration.ZERO)
                .writeTimeout(timeout);
    }

    /** Opens the tunnel at {@code uri} with its single-use {@code token} as the bearer credential. */
    public static OkHttpTunnel connect(OkHttpClient client, URI uri, String token, Duration timeout)
            throws IOException {
        OkHttpTunnel tunnel = new OkHttpTunnel();
        Request request = new Request.Builder().url(uri.toString()).header("Authorization", "Bearer " + token).build();
        tunnel.webSocket = client.newWebSocket(request, tunnel.new Listener());
        try {
            Response response = tunnel.opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            tunnel.extensions = String.valueOf(response.header("Sec-WebSocket-Extensions", ""));
            return tunnel;
        } catch (ExecutionException e) {
            throw new IOException("the tunnel at " + uri + " could not be opened: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            tunnel.webSocket.cancel();
            throw new IOException("the tunnel at " + uri + " did not open within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tunnel.webSocket.cancel();
            throw new InterruptedIOException("interrupted while opening the tunnel");
        }
    }

    /** The WebSocket extensions the server agreed to (OkHttp always offers permessage-deflate). */
    public String extensions() {
        return extensions;
    }

    /** Enqueues the message, then waits while more than {@value #SEND_QUEUE_BOUND} bytes are queued. */
    @Override
    void send(byte[] b, int off, int len) throws IOException {
        if (!webSocket.send(ByteString.of(b, off, len))) {
            throw new IOException("the tunnel closed while sending");
        }
        while (webSocket.queueSize() > SEND_QUEUE_BOUND) {
            LockSupport.parkNanos(100_000);
        }
    }

    @Override
    public void close() {
        if (!webSocket.close(1000, "closed")) {
            webSocket.cancel();
        }
        received().end(null);
    }

    @Override
    public String toString() {
        return "OkHttp tunnel " + webSocket.request().url();
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket socket, Response response) {
            opened.complete(response);
        }

        @Override
        public void onMessage(WebSocket socket, ByteString bytes) {
            try {
                received().deliver(bytes.asByteBuffer());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                socket.cancel();
            }
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            socket.close(code == 1005 ? 1000 : code, null);
            received().end(null);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable t, Response response) {
            IOException cause = t instanceof IOException io ? io : new IOException(t);
            opened.completeExceptionally(cause);
            received().end(cause);
        }
    }
}
