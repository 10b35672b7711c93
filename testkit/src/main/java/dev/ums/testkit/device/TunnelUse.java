package dev.ums.testkit.device;

import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link FakeDevice} does with the tunnel of a shadow request it accepted: hand it to the test, relay it to
 * a VNC server, or write an RFB greeting into it and drop what comes back (a benchmark's device without a VNC server).
 * {@link #handOver()} and {@link #relayTo} keep the tunnels they opened, so each instance belongs to one device;
 * {@link #greet()} keeps nothing. Thread-safe.
 */
public abstract sealed class TunnelUse {
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(10);
    /** What a VNC server says first; a console waits for it before it counts the session as started. */
    public static final byte[] RFB_GREETING = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);

    private TunnelUse() {
    }

    /** Keeps each tunnel for the test to take with {@link FakeDevice#nextTunnel()}; at most 16 wait. */
    public static TunnelUse handOver() {
        return new HandOver();
    }

    /** Relays each tunnel to the VNC server at {@code vnc} until either side ends or the sessions are ended. */
    public static TunnelUse relayTo(InetSocketAddress vnc) {
        return new RelayTo(vnc);
    }

    /** Writes {@link #RFB_GREETING} into each tunnel and drops what arrives; costs no thread per tunnel. */
    public static TunnelUse greet() {
        return new Greet();
    }

    /** Opens the tunnel {@code open} names and uses it; the future fails with a sentence when it could not. */
    abstract CompletableFuture<Void> open(HttpClient http, UpMessage.ShadowOpen open);

    /** Whether {@link #open} blocks until the tunnel is open (it then runs on a thread of its own). */
    boolean blocking() {
        return true;
    }

    WebSocketEndpoint nextHandedOver(Duration limit) throws InterruptedException {
        throw new IllegalStateException("this device does not hand its tunnels over");
    }

    /** Ends the sessions this use holds. */
    abstract void endAll();

    static WebSocketEndpoint connect(HttpClient http, UpMessage.ShadowOpen open) throws IOException {
        return WebSocketEndpoint.connect(http, URI.create(open.tunnelUrl()), open.token(), CONNECT_LIMIT);
    }

    private static final class HandOver extends TunnelUse {
        private final BlockingQueue<WebSocketEndpoint> waiting = new ArrayBlockingQueue<>(16);

        @Override
        CompletableFuture<Void> open(HttpClient http, UpMessage.ShadowOpen open) {
            try {
                WebSocketEndpoint tunnel = connect(http, open);
                if (!waiting.offer(tunnel)) {
                    tunnel.close();
                    throw new IOException("16 tunnels wait already for the test to take them");
                }
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        WebSocketEndpoint nextHandedOver(Duration limit) throws InterruptedException {
            return waiting.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        void endAll() {
            for (WebSocketEndpoint tunnel = waiting.poll(); tunnel != null; tunnel = waiting.poll()) {
                tunnel.close();
            }
        }
    }

    private static final class RelayTo extends TunnelUse {
        private final InetSocketAddress vnc;
        private final List<BytePump> pumps = new CopyOnWriteArrayList<>();

        RelayTo(InetSocketAddress vnc) {
            this.vnc = vnc;
        }

        @Override
        CompletableFuture<Void> open(HttpClient http, UpMessage.ShadowOpen open) {
            try {
                Socket socket = new Socket(vnc.getAddress(), vnc.getPort());
                try {
                    BytePump pump = BytePump.start("fake-device-tunnel", connect(http, open), Endpoint.of(socket),
                            BytePump.DEFAULT_BOUND);
                    pumps.add(pump);
                    pump.done().whenComplete((totals, err) -> pumps.remove(pump));
                } catch (IOException | RuntimeException e) {
                    socket.close();
                    throw e;
                }
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        void endAll() {
            pumps.forEach(BytePump::close);
        }
    }

    private static final class Greet extends TunnelUse {
        @Override
        CompletableFuture<Void> open(HttpClient http, UpMessage.ShadowOpen open) {
            return http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.BEARER + open.token())
                    .buildAsync(URI.create(open.tunnelUrl()), new Draining())
                    .thenCompose(tunnel -> tunnel.sendBinary(ByteBuffer.wrap(RFB_GREETING), true))
                    .thenApply(tunnel -> null);
        }

        @Override
        boolean blocking() {
            return false;
        }

        @Override
        void endAll() {
            // the consoles end these sessions
        }
    }

    /** The device's side of a greeted tunnel: reads and drops what the console sends. */
    private static final class Draining implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket ws) {
            ws.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ws.abort();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ws.abort();
        }
    }
}
