package dev.ums.testkit.device;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.link.Backoff;
import dev.ums.protocol.link.DialLimit;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.net.InetSocketAddress;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A device written from docs/PROTOCOL.md, standing in for the device agent where a test or a benchmark needs a
 * device without a display: it enrolls, holds a UP link (WebSocket over TLS, the JDK client), sends its hello and
 * heartbeats, answers shadow requests as it is told (see {@link #answering}) and does with accepted tunnels what
 * its {@link TunnelUse} says. Many of them share one {@link DeviceServer} client and cost no thread while idle, so
 * a benchmark holds thousands (see {@link DeviceFleet}).
 *
 * <p>Threads: every method from any thread; the blocking ones ({@link #connect}, {@link #nextTunnel},
 * {@link #checkPassword}, {@link #closedByServer}) wait at most their stated limits. Messages arrive on the HTTP
 * client's threads; sends on the link are chained so that one is outstanding at a time, as the JDK client needs.
 */
public final class FakeDevice implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String MAC = "00:11:22:33:44:55";
    private static final String OS_VERSION = "12";

    private final DeviceServer server;
    private final Enrollment enrollment;
    private final String name;
    private final String unitId;
    /** Messages from the server but welcome, shadow.open and heartbeats, for tests to read; bounded, newest dropped. */
    private final BlockingQueue<UpMessage> received = new ArrayBlockingQueue<>(64);
    private volatile ShadowSettings reported = ShadowSettings.DEFAULTS;
    private volatile Integer securePort;
    private volatile Function<UpMessage.ShadowOpen, ShadowOutcome> answer = open -> ShadowOutcome.ACCEPTED;
    private volatile TunnelUse tunnels = TunnelUse.handOver();
    private volatile DeviceCounters counters = new DeviceCounters();
    private volatile ScheduledExecutorService reconnector;
    /** Its delays between dials and the limit of each dial, as the agent's. */
    private final Redial redial = new Redial(() -> ThreadLocalRandom.current().nextDouble());
    private volatile String target;
    private volatile boolean stopped;
    private volatile long welcomedAtNanos;
    /** The link that is open, or was last open. */
    private volatile Link link;
    /** The link of the latest dial; only its end schedules the next dial. */
    private volatile Link latest;

    private FakeDevice(DeviceServer server, Enrollment enrollment, String name, String unitId) {
        this.server = server;
        this.enrollment = enrollment;
        this.name = name;
        this.unitId = unitId;
        this.target = server.baseUrl();
    }

    /** Enrolls a device called {@code name} (unit id {@code unit-<name>}) with the server's enrollment token. */
    public static FakeDevice enroll(DeviceServer server, String enrollmentToken, String name) throws Exception {
        return enroll(server, enrollmentToken, name, "unit-" + name).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Enrolls a device without waiting: for fleets, which enroll many at a time. */
    public static CompletableFuture<FakeDevice> enroll(DeviceServer server, String enrollmentToken, String name,
                                                       String unitId) {
        return server.enroll(enrollmentToken, new EnrollmentRequest(name, unitId, MAC, OS_VERSION, null))
                .thenApply(e -> new FakeDevice(server, e, name, unitId));
    }

    /** A device that enrolled before and holds this id and credential; it says it is {@code name}. */
    public static FakeDevice enrolled(DeviceServer server, Enrollment enrollment, String name) {
        return new FakeDevice(server, enrollment, name, "unit-" + name);
    }

    public String id() {
        return enrollment.deviceId();
    }

    public Enrollment enrollment() {
        return enrollment;
    }

    /** The shadow settings the next hello reports (the default is {@link ShadowSettings#DEFAULTS}). */
    public FakeDevice reporting(ShadowSettings settings) {
        this.reported = settings;
        return this;
    }

    /** Reports an OS 11 secure VNC port in the next hello. */
    public FakeDevice withSecurePort(int port) {
        this.securePort = port;
        return this;
    }

    /** Answers every shadow request from now on with {@code outcome} (the default is ACCEPTED). */
    public FakeDevice answering(ShadowOutcome outcome) {
        return answering(open -> outcome);
    }

    /**
     * Answers each shadow request with what {@code how} returns, or not at all when it returns null. Unless the
     * tunnels are greeted, {@code how} runs on a thread of its own per request and may block.
     */
    public FakeDevice answering(Function<UpMessage.ShadowOpen, ShadowOutcome> how) {
        this.answer = how;
        return this;
    }

    /** What the device does with the tunnel of an accepted request (the default is {@link TunnelUse#handOver}). */
    public FakeDevice tunnels(TunnelUse use) {
        this.tunnels = use;
        return this;
    }

    /** Relays accepted tunnels to the VNC server at {@code vnc}. */
    public FakeDevice vncAt(InetSocketAddress vnc) {
        return tunnels(TunnelUse.relayTo(vnc));
    }

    /** Counts into {@code shared} (a fleet's) instead of counters of its own. */
    public FakeDevice counting(DeviceCounters shared) {
        this.counters = shared;
        return this;
    }

    public DeviceCounters counters() {
        return counters;
    }

    /**
     * When the link drops or a dial fails, dials again on {@code scheduler} after the agent's delays (1 s doubling
     * up to 5 s, ±25 %; the first after a lost link 0.75–3.75 s), until {@link #close}.
     */
    public FakeDevice reconnecting(ScheduledExecutorService scheduler) {
        this.reconnector = scheduler;
        return this;
    }

    /**
     * Gives up a dial (TCP, TLS handshake, upgrade) that took longer than {@code limit}, and drops its connection
     * should it complete later; a reconnecting device then dials again after its delays. Without it a dial ends only
     * at the HTTP client's own limits.
     */
    public FakeDevice dialLimit(Duration limit) {
        return dialLimit(limit, limit);
    }

    /**
     * As {@link #dialLimit(Duration)}, but each dial in a row that ran out of time doubles the next one's limit up to
     * {@code max}, and a dial that succeeds brings back {@code first}: the device agent's 4 s up to 32 s.
     */
    public FakeDevice dialLimit(Duration first, Duration max) {
        redial.limit(first, max);
        return this;
    }

    /**
     * Which of the agent's measures after a lost link the device takes (both unless told otherwise, as the agent):
     * its first delay spread over 0.75–3.75 s ({@link Backoff#lost}), and twice the first dial limit
     * ({@link DialLimit#lost}); without them, the delays and limit of a fresh start. For measuring each alone.
     */
    public FakeDevice afterLoss(boolean spreadFirstDelay, boolean longerFirstDial) {
        redial.afterLoss(spreadFirstDelay, longerFirstDial);
        return this;
    }

    /** Whether the device dials again when its link drops. */
    public boolean isReconnecting() {
        return reconnector != null;
    }

    /** Opens the UP link and returns once the server welcomed the device (it is then online). */
    public FakeDevice connect() throws Exception {
        this.stopped = false;
        Link opened = dialLink(target);
        opened.upgraded.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            opened.welcomed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the server did not welcome " + name + ": "
                    + (opened.closed.isDone() ? opened.closed.getNow("") : "no answer"), e);
        }
        return this;
    }

    /**
     * Opens the UP link to {@code baseUrl} (another node, the load balancer) without waiting; the future completes
     * when the upgrade was answered, the welcome comes later ({@link #isOnline()}).
     */
    public CompletableFuture<Void> dial(String baseUrl) {
        this.target = baseUrl;
        this.stopped = false;
        return dialLink(baseUrl).upgraded;
    }

    private Link dialLink(String baseUrl) {
        Link next = new Link();
        latest = next;
        CompletableFuture<WebSocket> dial = server.http().newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                .buildAsync(server.at(baseUrl).upUri(), next);
        Duration limit = redial.dialLimit();
        CompletableFuture<WebSocket> limited = dial;
        if (limit != null) {
            limited = dial.copy().orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<WebSocket> given = limited;
            dial.thenAccept(ws -> {
                if (given.isCompletedExceptionally()) {
                    ws.abort(); // given up already: a late connection must not count as the device's link
                }
            });
            given.whenComplete((ws, e) -> {
                redial.dialEnded(e);
                if (e != null) {
                    dial.cancel(true); // as the agent abandons its dial
                }
            });
        }
        limited.whenComplete((ws, err) -> {
                    if (err != null) {
                        next.abandoned = true;
                        counters.dialFailed(err);
                        next.upgraded.completeExceptionally(err);
                        next.closed.complete("failed: " + err);
                        retryLater(next);
                    } else {
                        next.upgraded.complete(null);
                    }
                });
        return next;
    }

    /** The HTTP status the server answers this device's UP upgrade with: 101 when it was accepted. */
    public int upgradeStatus() throws Exception {
        try {
            WebSocket ws = server.http().newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                    .buildAsync(server.at(target).upUri(), new WebSocket.Listener() { })
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Whether the server welcomed this device on the link that is up now. */
    public boolean isOnline() {
        Link current = link;
        return current != null && current.online;
    }

    /** When the server last welcomed this device ({@link System#nanoTime()}). */
    public long welcomedAtNanos() {
        return welcomedAtNanos;
    }

    /** Sends a heartbeat if the device is online. */
    public void heartbeat() {
        Link current = link;
        if (current != null && current.online) {
            current.send(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson());
        }
    }

    /** Asks the server, as an OS 11 agent does, whether a session password is good for this device. */
    public boolean checkPassword(String password) throws InterruptedException {
        String requestId = UUID.randomUUID().toString();
        current().send(new UpMessage.ShadowPasswordCheck(requestId, password).toJson());
        UpMessage reply = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!(reply instanceof UpMessage.ShadowPasswordVerdict verdict) || !verdict.requestId().equals(requestId)) {
            throw new IllegalStateException("expected a verdict for " + requestId + ", got " + reply);
        }
        return verdict.valid();
    }

    /** Sends a text frame as it is and waits until it went out; a link the server closed meanwhile swallows it. */
    public void sendRaw(String text) {
        current().send(text).exceptionally(e -> null).join();
    }

    /** The device side of the next tunnel handed over by {@link TunnelUse#handOver()}, or null after 20 s. */
    public WebSocketEndpoint nextTunnel() throws InterruptedException {
        return tunnels.nextHandedOver(Duration.ofSeconds(20));
    }

    /** Ends every session this device has open, as the device's user pressing Disconnect would. */
    public void endSessions() {
        tunnels.endAll();
    }

    /** Whether the server closed the current link, or it failed. */
    public boolean isClosed() {
        return current().closed.isDone();
    }

    /** The status and reason the server closed the link with ("1008 the device's name is ..."); waits 20 s. */
    public String closedByServer() throws Exception {
        return current().closed.get(20, TimeUnit.SECONDS);
    }

    /** Drops the link without reconnecting and ends its sessions. */
    @Override
    public void close() {
        stopped = true;
        Link current = link;
        if (current != null) {
            current.lost();
        }
        tunnels.endAll();
    }

    private Link current() {
        Link current = link;
        if (current == null) {
            throw new IllegalStateException(name + " has no link; connect it first");
        }
        return current;
    }

    private void retryLater(Link ended) {
        ScheduledExecutorService scheduler = reconnector;
        if (stopped || scheduler == null || ended != latest) {
            return;
        }
        Duration delay = redial.nextDelay();
        scheduler.schedule(() -> {
            if (!stopped && ended == latest) {
                dialLink(target);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onShadowOpen(Link on, UpMessage.ShadowOpen open) {
        counters.askedToShadow();
        TunnelUse use = tunnels;
        if (use.blocking()) {
            Thread worker = new Thread(() -> answer(on, open, use), "fake-device-shadow");
            worker.setDaemon(true);
            worker.start();
        } else {
            answer(on, open, use);
        }
    }

    private void answer(Link on, UpMessage.ShadowOpen open, TunnelUse use) {
        ShadowOutcome outcome = answer.apply(open);
        if (outcome == null) {
            return;
        }
        if (outcome != ShadowOutcome.ACCEPTED) {
            on.send(new UpMessage.ShadowResult(open.sessionId(), outcome, null).toJson());
            return;
        }
        use.open(server.http(), open).whenComplete((ok, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                on.send(new UpMessage.ShadowResult(open.sessionId(), ShadowOutcome.TUNNEL_FAILED,
                        cause.getMessage()).toJson());
            } else {
                counters.acceptedShadow();
                on.send(new UpMessage.ShadowResult(open.sessionId(), ShadowOutcome.ACCEPTED, null).toJson());
            }
        });
    }

    /** One UP connection, from the dial to its end. */
    private final class Link implements WebSocket.Listener {
        final CompletableFuture<Void> upgraded = new CompletableFuture<>();
        final CompletableFuture<Void> welcomed = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean online;
        /** The dial failed or was given up: a connection that opens late is dropped. */
        private volatile boolean abandoned;
        private final AtomicBoolean ended = new AtomicBoolean();
        /** Guarded by this: the last send, which the next one waits for. */
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        @Override
        public void onOpen(WebSocket ws) {
            socket = ws;
            if (stopped || this != latest || abandoned) {
                ws.abort();
                return;
            }
            link = this;
            send(new UpMessage.Hello(name, unitId, MAC, OS_VERSION, "test", reported, securePort).toJson());
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                UpMessage message = UpMessage.parse(partial.toString());
                partial.setLength(0);
                if (message instanceof UpMessage.Welcome) {
                    welcomedAtNanos = System.nanoTime();
                    synchronized (this) {
                        if (!ended.get()) {
                            online = true;
                            counters.wentOnline();
                        }
                    }
                    redial.welcomed();
                    welcomed.complete(null);
                } else if (message instanceof UpMessage.ShadowOpen open) {
                    onShadowOpen(this, open);
                } else if (!(message instanceof UpMessage.Heartbeat)) {
                    received.offer(message); // heartbeat answers are not kept: a fleet gets thousands a minute
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            lost();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("failed: " + error);
            lost();
        }

        CompletableFuture<?> send(String text) {
            WebSocket ws = socket;
            synchronized (this) {
                sending = sending.handle((r, e) -> null).thenCompose(ignored -> ws.sendText(text, true));
                return sending;
            }
        }

        /** The link ended: counted offline, the socket dropped, a new dial scheduled if reconnecting; once. */
        void lost() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            boolean wasOnline;
            synchronized (this) {
                wasOnline = online;
                if (online) {
                    online = false;
                    counters.wentOffline();
                }
            }
            if (wasOnline) {
                redial.lost();
            }
            closed.complete("closed on this side");
            welcomed.completeExceptionally(new IllegalStateException("the link closed: " + closed.getNow("")));
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
            retryLater(this);
        }
    }
}
