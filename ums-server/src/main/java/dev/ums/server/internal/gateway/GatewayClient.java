package dev.ums.server.internal.gateway;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.TunnelFailures;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.GatewayTarget;
import dev.ums.server.internal.link.TunnelHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's control link to one Cloud Gateway: dials it (pinned to its certificate), keeps the link
 * alive with heartbeats, redials with backoff (0.5 s doubling to 2 s: one connection per gateway, so
 * redialling fast costs nothing and lets devices back in soon after a gateway restart) while it is down, and turns the
 * gateway's messages into the server's own events. It links only while it holds the gateway's {@link GatewayLease}
 * (asked every second while another cluster node holds it, and at every heartbeat while linked). Its connect loop
 * runs on one named thread; messages are handled on the JDK WebSocket's thread, one at a time.
 */
public final class GatewayClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayClient.class);
    private static final long HEARTBEAT_MS = 10_000;
    private static final long SILENCE_LIMIT_MS = 35_000;
    private static final long LEASE_RETRY_MS = 1_000;

    private final GatewayTarget target;
    private final String secret;
    private final GatewayEvents events;
    private final GatewayLease lease;
    private final HttpClient http;
    private final TunnelHost tunnels = new GatewayTunnelHost(this);
    private final ConcurrentHashMap<String, GatewayDeviceLink> links = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();
    private final Thread loop;
    private volatile WebSocket socket;
    private volatile String advertisedUrl;
    private volatile long lastHeard;
    private volatile boolean closed;
    private volatile String lastProblem = "not connected yet";

    public GatewayClient(GatewayTarget target, String secret, GatewayEvents events, GatewayLease lease) {
        this.target = target;
        this.secret = secret;
        this.events = events;
        this.lease = lease;
        this.http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(target.fingerprint()).sslContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.loop = new Thread(this::connectLoop, "gateway-link-" + URI.create(target.url()).getHost());
        this.loop.setDaemon(true);
    }

    public void start() {
        loop.start();
    }

    public boolean isUp() {
        return socket != null;
    }

    /** Why the link is down, for logs and the devices' offline reason. */
    public String lastProblem() {
        return lastProblem;
    }

    String publicUrl() {
        String advertised = advertisedUrl;
        return advertised != null ? advertised : target.url();
    }

    String fingerprint() {
        return target.fingerprint();
    }

    TunnelHost tunnels() {
        return tunnels;
    }

    /** Sends if the link is up (one send at a time, as the JDK WebSocket requires); drops otherwise. */
    void send(GatewayMessage message) {
        WebSocket ws = socket;
        if (ws == null) {
            LOG.debug("gateway {} is down, {} dropped", target.url(), message.getClass().getSimpleName());
            return;
        }
        synchronized (sendLock) {
            try {
                ws.sendText(message.toJson(), true).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("sending to gateway {} failed: {}", target.url(), e.toString());
                ws.abort();
            }
        }
    }

    private void connectLoop() {
        long delay = 500;
        while (!closed) {
            if (!lease.held()) {
                // another node links to this gateway; ask again soon, to take over within seconds when it dies
                problem("another server node holds the link to the gateway at " + target.url());
                sleep(LEASE_RETRY_MS);
                continue;
            }
            CompletableFuture<Void> down = new CompletableFuture<>();
            try {
                WebSocket ws = http.newWebSocketBuilder()
                        .header("Authorization", GatewayPaths.AUTH_SCHEME + secret)
                        .connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create(target.url().replaceFirst("^http", "ws").replaceAll("/+$", "")
                                + GatewayPaths.SERVER_LINK), new Listener(down))
                        .get(10, TimeUnit.SECONDS);
                lastHeard = System.currentTimeMillis();
                socket = ws;
                LOG.info("linked to gateway {}", target.url());
                delay = 500;
                superviseUntilDown(ws, down);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problem(TunnelFailures.describe("the gateway", URI.create(target.url()), cause));
            }
            linkLost();
            sleep(Math.round(delay * (0.75 + 0.5 * ThreadLocalRandom.current().nextDouble())));
            delay = Math.min(delay * 2, 2_000);
        }
    }

    private void superviseUntilDown(WebSocket ws, CompletableFuture<Void> down) throws InterruptedException {
        while (!closed && !down.isDone()) {
            try {
                down.get(HEARTBEAT_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (!lease.held()) {
                    problem("this node lost the lease on the gateway at " + target.url() + "; another node links to it");
                    ws.abort();
                    return;
                }
                if (System.currentTimeMillis() - lastHeard > SILENCE_LIMIT_MS) {
                    problem("the gateway at " + target.url() + " stopped answering");
                    ws.abort();
                    return;
                }
                send(new GatewayMessage.Heartbeat(System.currentTimeMillis()));
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            }
        }
    }

    private void problem(String sentence) {
        if (!sentence.equals(lastProblem)) {
            LOG.warn("{}", sentence);
        }
        lastProblem = sentence;
    }

    private void linkLost() {
        if (socket != null) {
            socket = null;
            if (!closed) {
                problem("the gateway at " + target.url() + " is unreachable");
            }
        }
        for (GatewayDeviceLink link : links.values()) {
            events.deviceDown(link, lastProblem, true);
        }
        links.clear();
    }

    private void handle(GatewayMessage message) {
        lastHeard = System.currentTimeMillis();
        if (message instanceof GatewayMessage.GatewayHello hello) {
            advertisedUrl = hello.advertiseUrl();
            lastProblem = null;
        } else if (message instanceof GatewayMessage.Heartbeat) {
            return;
        } else if (message instanceof GatewayMessage.EnrollRequest request) {
            send(events.enroll(request));
        } else if (message instanceof GatewayMessage.DeviceAuth auth) {
            send(new GatewayMessage.DeviceAuthResult(auth.requestId(), events.authenticate(auth)));
        } else if (message instanceof GatewayMessage.DeviceUp up) {
            deviceUp(up);
        } else if (message instanceof GatewayMessage.DeviceDown gone) {
            GatewayDeviceLink link = links.remove(gone.deviceId());
            if (link != null) {
                events.deviceDown(link, gone.reason(), false);
            }
        } else if (message instanceof GatewayMessage.TunnelEnded ended) {
            events.tunnelEnded(ended);
        } else {
            LOG.warn("gateway {} sent an unexpected {}, ignored", target.url(), message.getClass().getSimpleName());
        }
    }

    private void deviceUp(GatewayMessage.DeviceUp up) {
        UpMessage message;
        long deviceId;
        try {
            message = UpMessage.parse(up.message());
            deviceId = Long.parseLong(up.deviceId());
        } catch (MalformedMessageException | NumberFormatException e) {
            LOG.warn("gateway {} forwarded a malformed device message, ignored: {}", target.url(), e.getMessage());
            return;
        }
        GatewayDeviceLink link = links.get(up.deviceId());
        boolean greeted = link != null;
        if (message instanceof UpMessage.Hello) {
            link = new GatewayDeviceLink(deviceId, up.remoteIp(), this);
            GatewayDeviceLink previous = links.put(up.deviceId(), link);
            if (previous != null) {
                events.deviceDown(previous, "reconnected", false);
            }
        } else if (link == null) {
            link = new GatewayDeviceLink(deviceId, up.remoteIp(), this);
        }
        events.deviceMessage(link, greeted, message);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        loop.interrupt();
        lease.close();
    }

    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> down;
        private final StringBuilder text = new StringBuilder();

        Listener(CompletableFuture<Void> down) {
            this.down = down;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String json = text.toString();
                text.setLength(0);
                try {
                    handle(GatewayMessage.parse(json));
                } catch (MalformedMessageException e) {
                    LOG.warn("gateway {} sent a malformed message, ignored: {}", target.url(), e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("handling a message of gateway {} failed", target.url(), e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            problem("the gateway at " + target.url() + " closed the link (" + statusCode + " " + reason + ")");
            down.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            problem("the link to the gateway at " + target.url() + " failed: " + error.getMessage());
            down.complete(null);
        }
    }
}
