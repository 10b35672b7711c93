package dev.ums.bench.cluster;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lightweight stand-in for an enrolled agent: one UP WebSocket (TLS) to the server or the load balancer, the
 * {@code hello}, a heartbeat when asked, and what the agent does on {@code shadow.open} without a VNC server
 * behind it: it opens its tunnel side, writes an RFB greeting into it and answers {@code ACCEPTED}. When the link
 * drops it reconnects after the agent's delays (1 s doubling up to 5 s, ±25 %). Callbacks run on the JDK HTTP
 * client's threads and the fleet's scheduler; every field they share is volatile or atomic, and sends on the UP
 * socket are chained so that only one is outstanding at a time.
 */
final class SimulatedDevice implements WebSocket.Listener {
    /** Failed connection attempts of all simulated devices, and the first failure's description. */
    static final AtomicInteger FAILED_CONNECTS = new AtomicInteger();
    static final java.util.concurrent.atomic.AtomicReference<String> FIRST_FAILURE =
            new java.util.concurrent.atomic.AtomicReference<>();
    static final byte[] RFB_GREETING = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);

    private final Enrollment enrollment;
    private final int index;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger online;
    private final StringBuilder partial = new StringBuilder();
    private volatile String url;
    private volatile WebSocket up;
    private volatile boolean welcomed;
    private volatile boolean stopped;
    private volatile long welcomedAtNanos;
    private volatile long nextDelayMillis = 1000;
    private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

    /** {@code index} is the one the device was enrolled with: its name is {@code sim-<index>}. */
    SimulatedDevice(Enrollment enrollment, int index, HttpClient http, ScheduledExecutorService scheduler, AtomicInteger online) {
        this.enrollment = enrollment;
        this.index = index;
        this.http = http;
        this.scheduler = scheduler;
        this.online = online;
    }

    String deviceId() {
        return enrollment.deviceId();
    }

    boolean welcomed() {
        return welcomed;
    }

    /** When the server last welcomed this device ({@link System#nanoTime()}). */
    long welcomedAtNanos() {
        return welcomedAtNanos;
    }

    /** Opens the UP link to {@code serverUrl} (https), reconnecting there whenever it drops. */
    CompletableFuture<WebSocket> connect(String serverUrl) {
        this.url = serverUrl;
        this.stopped = false;
        return http.newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                .buildAsync(URI.create(serverUrl.replace("https", "wss") + UpPaths.UP), this)
                .whenComplete((ws, err) -> {
                    if (err != null) {
                        FAILED_CONNECTS.incrementAndGet();
                        FIRST_FAILURE.compareAndSet(null, String.valueOf(err));
                        retryLater();
                    }
                });
    }

    void heartbeat() {
        if (welcomed) {
            send(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson());
        }
    }

    /** Drops the link without reconnecting. */
    void stop() {
        stopped = true;
        WebSocket ws = up;
        if (ws != null) {
            ws.abort();
        }
        lost(ws);
    }

    @Override
    public void onOpen(WebSocket ws) {
        up = ws;
        synchronized (this) {
            sending = CompletableFuture.completedFuture(ws);
        }
        send(new UpMessage.Hello("sim-" + index, "SIM" + index, null, "12", "sim",
                ShadowSettings.DEFAULTS).toJson());
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            if (message.contains("\"welcome\"")) {
                welcomedAtNanos = System.nanoTime();
                welcomed = true;
                nextDelayMillis = 1000;
                online.incrementAndGet();
            } else if (message.contains("\"shadow.open\"")) {
                openTunnel((UpMessage.ShadowOpen) UpMessage.parse(message));
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        lost(ws);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        lost(ws);
    }

    private void lost(WebSocket ws) {
        synchronized (this) {
            if (ws == null || ws != up) {
                return;
            }
            up = null;
            if (welcomed) {
                welcomed = false;
                online.decrementAndGet();
            }
        }
        ws.abort();
        retryLater();
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        long base = nextDelayMillis;
        nextDelayMillis = Math.min(base * 2, 5000);
        long delay = Math.round(base * (0.75 + 0.5 * ThreadLocalRandom.current().nextDouble()));
        scheduler.schedule(() -> {
            if (!stopped) {
                connect(url);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void openTunnel(UpMessage.ShadowOpen open) {
        http.newWebSocketBuilder()
                .header("Authorization", UpPaths.BEARER + open.token())
                .buildAsync(URI.create(open.tunnelUrl()), new TunnelSide())
                .whenComplete((tunnel, err) -> {
                    if (err != null) {
                        send(new UpMessage.ShadowResult(open.sessionId(), ShadowOutcome.TUNNEL_FAILED,
                                String.valueOf(err)).toJson());
                    } else {
                        tunnel.sendBinary(ByteBuffer.wrap(RFB_GREETING), true);
                        send(new UpMessage.ShadowResult(open.sessionId(), ShadowOutcome.ACCEPTED, null).toJson());
                    }
                });
    }

    private synchronized void send(String json) {
        WebSocket ws = up;
        if (ws == null) {
            return;
        }
        sending = sending.handle((w, e) -> null).thenCompose(ignored -> ws.sendText(json, true));
    }

    /** The device's side of a tunnel: reads and drops what the console sends. */
    private static final class TunnelSide implements WebSocket.Listener {
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
