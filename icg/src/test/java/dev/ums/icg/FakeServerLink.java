package dev.ums.icg;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.tls.PinnedTrust;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A UMS server's link to a gateway, played by the test: it holds the secret, admits every device credential the
 * gateway asks about, keeps every other message for the test to read, and stops reading when told, as a server that
 * falls behind does, and again when told. Messages arrive on the HTTP client's thread; the rest is for the test's
 * thread.
 */
final class FakeServerLink implements AutoCloseable {
    private final BlockingQueue<GatewayMessage> received = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private volatile boolean reading = true;
    private final boolean answersDevices;

    private FakeServerLink(IcgServer gateway, boolean answersDevices) throws Exception {
        this.answersDevices = answersDevices;
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
        socket = http.newWebSocketBuilder()
                .header("Authorization", GatewayPaths.AUTH_SCHEME + LinkedCluster.SECRET)
                .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + GatewayPaths.SERVER_LINK),
                        new Listener()).get(20, TimeUnit.SECONDS);
    }

    /** Links to {@code gateway}. */
    static FakeServerLink to(IcgServer gateway) throws Exception {
        return new FakeServerLink(gateway, true);
    }

    /**
     * Links to {@code gateway} as a server that died without closing its connection: it answers no device
     * authentication (each is kept for the test to read).
     */
    static FakeServerLink answeringNoDevice(IcgServer gateway) throws Exception {
        return new FakeServerLink(gateway, false);
    }

    /** From the next message on, reads nothing more: what the gateway sends stays in the connection's buffers. */
    void stopReading() {
        reading = false;
    }

    /** Reads again after {@link #stopReading()}, as a server that caught up. */
    void resumeReading() {
        reading = true;
        socket.request(1);
    }

    void send(GatewayMessage message) {
        socket.sendText(message.toJson(), true).join();
    }

    /** The next message of {@code type} the gateway sent within {@code limit}, skipping others; null if none came. */
    <T extends GatewayMessage> T next(Class<T> type, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            GatewayMessage m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null || type.isInstance(m)) {
                return type.cast(m);
            }
        }
    }

    /** Drops the connection without a close frame, as a server that crashed or lost its network. */
    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                GatewayMessage message = GatewayMessage.parse(text.toString());
                text.setLength(0);
                if (message instanceof GatewayMessage.DeviceAuth auth && answersDevices) {
                    w.sendText(new GatewayMessage.DeviceAuthResult(auth.requestId(), true).toJson(), true);
                } else {
                    received.add(message);
                }
            }
            if (reading) {
                w.request(1);
            }
            return null;
        }
    }
}
