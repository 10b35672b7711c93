package dev.ums.protocol.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A tunnel WebSocket seen as a byte {@link Endpoint}: binary frames in, binary frames out.
 *
 * <p>Backpressure: the WebSocket is asked for the next frame only while fewer than {@code bound} received
 * bytes wait to be read, so a reader that stops makes the remote sender stop. Writes wait for the frame
 * to be sent. The input stream is read by one thread; the output stream is written by one thread; the
 * JDK's WebSocket thread only calls the listener.
 */
public final class WebSocketEndpoint implements Endpoint {
    private final int bound;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private int queuedBytes;
    private boolean requested;
    private boolean ended;
    private IOException failure;
    private String closeReason;
    private WebSocket socket;
    private byte[] current;
    private int currentPos;

    private WebSocketEndpoint(int bound) {
        this.bound = bound;
    }

    /**
     * Opens the tunnel at {@code uri} with its single-use {@code token} in the Authorization header.
     *
     * @throws IOException with the server's refusal or the network failure as message
     */
    public static WebSocketEndpoint connect(HttpClient client, URI uri, String token, Duration timeout)
            throws IOException {
        WebSocketEndpoint endpoint = new WebSocketEndpoint(BytePump.DEFAULT_BOUND);
        CompletableFuture<WebSocket> future = client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(timeout)
                .buildAsync(uri, endpoint.new Listener());
        try {
            endpoint.socket = future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return endpoint;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening the tunnel");
        } catch (ExecutionException e) {
            throw new IOException(TunnelFailures.describe(uri, e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("the tunnel at " + uri.getHost() + ":" + uri.getPort() + " did not answer in time");
        }
    }

    /** Why the remote side closed the tunnel, if it said so. */
    public String closeReason() {
        synchronized (lock) {
            return closeReason;
        }
    }

    @Override
    public InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return readInto(b, off, len);
            }
        };
    }

    private int readInto(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        synchronized (lock) {
            while (current == null || currentPos >= current.length) {
                current = queue.poll();
                currentPos = 0;
                if (current != null) {
                    queuedBytes -= current.length;
                    requestMoreLocked();
                    continue;
                }
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            int n = Math.min(len, current.length - currentPos);
            System.arraycopy(current, currentPos, b, off, n);
            currentPos += n;
            return n;
        }
    }

    private void requestMoreLocked() {
        if (!requested && !ended && queuedBytes < bound && socket != null) {
            requested = true;
            socket.request(1);
        }
    }

    @Override
    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                send(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private void send(ByteBuffer data) throws IOException {
        try {
            socket.sendBinary(data, true).join();
        } catch (CompletionException e) {
            throw new IOException("the tunnel closed while sending", e.getCause());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "closed").exceptionally(e -> null);
        }
        if (socket != null) {
            CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(socket::abort);
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (lock) {
                socket = webSocket;
                requested = true;
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (lock) {
                requested = false;
                if (bytes.length > 0) {
                    queue.add(bytes);
                    queuedBytes += bytes.length;
                }
                lock.notifyAll();
                requestMoreLocked();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            return ignored();
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            return ignored();
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            return ignored();
        }

        /** A frame that carries no tunnel bytes still used up one unit of demand. */
        private CompletionStage<?> ignored() {
            synchronized (lock) {
                requested = false;
                requestMoreLocked();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (lock) {
                ended = true;
                closeReason = reason == null || reason.isEmpty() ? null : reason;
                lock.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            synchronized (lock) {
                failure = new IOException("the tunnel failed: " + error.getMessage(), error);
                lock.notifyAll();
            }
        }
    }

}
