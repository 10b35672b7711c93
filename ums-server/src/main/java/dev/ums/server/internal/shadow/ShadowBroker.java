package dev.ums.server.internal.shadow;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.link.BrokeredSession;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.DeviceLink;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.recording.SessionRecordings;
import dev.ums.server.internal.shadow.ShadowRefusal.Reason;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brokers a console's shadow request: asks the device over its link, waits for its answer, prepares the
 * tunnel host (this server's relay or the device's gateway) and hands the console its tunnel URL and
 * token. Every attempt lands in the audit log. Called on request threads and, for answers, on the devices'
 * socket threads; thread-safe.
 */
public final class ShadowBroker {
    /** How long the device may take to answer, prompt included (the agent's prompt times out first). */
    public static final Duration ANSWER_LIMIT = Duration.ofSeconds(35);
    /** Tokens stay valid through the device's answer and then 30 s for the console to connect. */
    static final Duration TOKEN_TTL = ANSWER_LIMIT.plusSeconds(30);
    /** Shadow requests that may wait for devices at once; each holds a tunnel registration, no thread. */
    static final int MAX_WAITING = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ShadowBroker.class);

    private final DeviceStore devices;
    private final DeviceConnections connections;
    private final RelayAudit relayAudit;
    private final AuditLog audit;
    private final SessionRecordings recordings;
    private final ConcurrentHashMap<String, CompletableFuture<UpMessage.ShadowResult>> pending = new ConcurrentHashMap<>();

    /** The client name of the web app, whose sessions this server always carries in its own relay. */
    public static final String WEB_APP = "web app";

    public ShadowBroker(DeviceStore devices, DeviceConnections connections, RelayAudit relayAudit, AuditLog audit,
                        SessionRecordings recordings) {
        this.recordings = recordings;
        this.devices = devices;
        this.connections = connections;
        this.relayAudit = relayAudit;
        this.audit = audit;
    }

    /**
     * Starts a session for {@code admin} using {@code client} (the console or the web app, for the audit
     * log); {@code consoleHost} is the {@code host:port} the console used to
     * reach this server. Refusals known at once are thrown; otherwise the session completes when the device
     * answered (at most {@link #ANSWER_LIMIT} later), its last steps on {@code executor}. No thread waits.
     */
    public CompletableFuture<ShadowSession> start(String admin, String client, long deviceId, boolean viewOnly,
                                                  String consoleHost, Executor executor) {
        // the web app's sessions meet in this server's relay whatever the route (BrowserBridges)
        return start(admin, client, deviceId, viewOnly, consoleHost, executor, WEB_APP.equals(client));
    }

    /**
     * As {@link #start(String, String, long, boolean, String, Executor)}; {@code bridgedHere} says that this server
     * will carry the session in its own relay whatever the route (it bridges a gateway's tunnel), so that a
     * session that must be recorded may go ahead through a gateway. A device that another node holds through a
     * gateway is brokered there ({@link #startForNode}); this server's relay then records the session when that
     * node says so or this server's own setting requires it.
     */
    public CompletableFuture<ShadowSession> start(String admin, String client, long deviceId, boolean viewOnly,
                                                  String consoleHost, Executor executor, boolean bridgedHere) {
        Device device = devices.find(deviceId)
                .orElseThrow(() -> new ShadowRefusal(Reason.UNKNOWN_DEVICE, "no device with id " + deviceId));
        Optional<CompletableFuture<BrokeredSession>> elsewhere = connections.brokerElsewhere(deviceId, admin, client,
                viewOnly, bridgedHere);
        if (elsewhere.isPresent()) {
            return elsewhere.get().thenApply(brokered -> carryHere(brokered, device, admin, viewOnly, bridgedHere));
        }
        return brokerHere(device, admin, client, viewOnly, consoleHost, executor, bridgedHere, false)
                .thenApply(BrokeredSession::session);
    }

    /**
     * A request another node handed over for a device this server holds through a gateway, with the same checks
     * and audit as its own. {@code bridgedThere} says that the asking node will carry the session in its own relay,
     * as {@code bridgedHere} of {@link #start(String, String, long, boolean, String, Executor, boolean)} says of
     * this one: a session that must be recorded then goes ahead, recorded there, and the answer tells the asking
     * node so and names the audit entry; this server plans no recording of its own for it.
     */
    public CompletableFuture<BrokeredSession> startForNode(String admin, String client, long deviceId,
                                                           boolean viewOnly, Executor executor, boolean bridgedThere) {
        Device device = devices.find(deviceId)
                .orElseThrow(() -> new ShadowRefusal(Reason.UNKNOWN_DEVICE, "no device with id " + deviceId));
        Optional<CompletableFuture<BrokeredSession>> elsewhere = connections.brokerElsewhere(deviceId, admin, client,
                viewOnly, bridgedThere);
        if (elsewhere.isPresent()) {
            // the device moved to a third node's gateway meanwhile: its answer goes to the asking node as it is
            return elsewhere.get();
        }
        return brokerHere(device, admin, client, viewOnly, null, executor, false, bridgedThere);
    }

    /** A session another node brokered, carried by this server's relay when {@code bridgedHere}. */
    private ShadowSession carryHere(BrokeredSession brokered, Device device, String admin, boolean viewOnly,
                                    boolean bridgedHere) {
        ShadowSession session = brokered.session();
        if (bridgedHere && (brokered.recordByAsker() || recordings.required(device))) {
            // planned before the session is handed on, so the bridge finds it when its relay opens the session
            recordings.plan(session.sessionId(), device, admin, viewOnly, session.route(), brokered.auditId());
        }
        return session;
    }

    /**
     * Brokers the session with a device this server reaches. A session this server's relay carries (route
     * {@code direct}, or {@code bridgedHere}) is recorded here when required; one that the asking node's relay
     * carries ({@code bridgedThere}) is recorded there, as the answer says.
     */
    private CompletableFuture<BrokeredSession> brokerHere(Device device, String admin, String client,
                                                          boolean viewOnly, String consoleHost, Executor executor,
                                                          boolean bridgedHere, boolean bridgedThere) {
        long deviceId = device.id();
        DeviceLink link = connections.reach(deviceId)
                .orElseThrow(() -> refuse(device, admin, client, Reason.OFFLINE, "OFFLINE", "the device is offline"));
        if (!device.settings().allowShadowing()) {
            throw refuse(device, admin, client, Reason.NOT_ALLOWED, ShadowOutcome.NOT_ALLOWED.name(),
                    ShadowOutcome.NOT_ALLOWED.sentence());
        }
        if (pending.size() >= MAX_WAITING) {
            throw new ShadowRefusal(Reason.BUSY,
                    "too many shadow requests are waiting for devices to answer; try again shortly");
        }
        TunnelHost tunnels = link.tunnels();
        boolean relayedHere = "direct".equals(tunnels.route()) || bridgedHere;
        boolean required = recordings.required(device);
        if (!relayedHere && !bridgedThere && required) {
            throw unrecordable(device, admin, client, "through the gateway");
        }
        boolean recordByAsker = required && !relayedHere;
        String sessionId = UUID.randomUUID().toString();
        long auditId = audit.begin(device, admin, tunnels.route(), client, sessionId, tunnels.gatewayUrl());
        String consoleToken = RandomTokens.newToken();
        String deviceToken = RandomTokens.newToken();
        if (tunnels.gatewayUrl() == null) {
            // a gateway's reports find the entry in the database by session and gateway, on any node
            relayAudit.track(sessionId, auditId);
        }
        if (required && relayedHere) {
            recordings.plan(sessionId, device, admin, viewOnly, tunnels.route(), auditId);
        }
        // the web app's token reaches a browser (this server's relay) or this server (a gateway's, bridged)
        tunnels.prepare(sessionId, consoleToken, deviceToken, TOKEN_TTL,
                WEB_APP.equals(client) ? Presenter.BROWSER : Presenter.ANY);
        CompletableFuture<UpMessage.ShadowResult> answer = new CompletableFuture<>();
        pending.put(sessionId, answer);
        link.send(new UpMessage.ShadowOpen(sessionId, tunnels.deviceUrl(sessionId), deviceToken, tunnels.fingerprint(),
                admin, viewOnly, device.settings()));
        return answer.orTimeout(ANSWER_LIMIT.toMillis(), TimeUnit.MILLISECONDS).handleAsync((result, failure) -> {
            pending.remove(sessionId);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw cause instanceof TimeoutException
                        ? abandon(tunnels, sessionId, auditId, Reason.NO_ANSWER, "NO_ANSWER",
                                "the device did not answer the shadow request")
                        : abandon(tunnels, sessionId, auditId, Reason.FAILED, "FAILED", cause.getMessage());
            }
            if (result.outcome() != ShadowOutcome.ACCEPTED) {
                String sentence = result.outcome().sentence();
                throw abandon(tunnels, sessionId, auditId, Reason.of(result.outcome()), result.outcome().name(),
                        result.message() == null ? sentence : sentence + " (" + result.message() + ")");
            }
            audit.outcome(auditId, "ACCEPTED", "the device accepted");
            LOG.info("session {}: {} shadows device {} via {} ({})", sessionId, admin, deviceId, tunnels.route(),
                    viewOnly ? "view only" : "full");
            String url = WEB_APP.equals(client) ? tunnels.browserUrl(sessionId, consoleHost)
                    : tunnels.consoleUrl(sessionId, consoleHost);
            return new BrokeredSession(new ShadowSession(sessionId, url, consoleToken, tunnels.route(), viewOnly,
                    TOKEN_TTL.toSeconds(), tunnels.fingerprint()), auditId, recordByAsker);
        }, executor);
    }

    /** The server is stopping: requests still waiting fail with a sentence instead of their time limit. */
    public void closeAll() {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the server is shutting down")));
    }

    public void onResult(long deviceId, UpMessage.ShadowResult result) {
        CompletableFuture<UpMessage.ShadowResult> answer = pending.get(result.sessionId());
        if (answer == null && connections.forward(deviceId, result)) {
            return;
        }
        if (answer == null) {
            LOG.warn("device {} answered unknown or finished session {}", deviceId, result.sessionId());
            return;
        }
        answer.complete(result);
    }

    public void onDeviceClosed(long deviceId, UpMessage.ShadowClosed closed) {
        if (connections.forward(deviceId, closed)) {
            return;
        }
        String reason = closed.end() != null ? closed.end().sentence()
                : closed.reason() == null ? "the device ended the session" : closed.reason();
        connections.get(deviceId).ifPresent(link -> link.tunnels().cancel(closed.sessionId(), reason));
    }

    /**
     * Refuses, and logs in the audit, a session that must be recorded but would pass this server by:
     * {@code route} says which way it would go ("through the gateway", "secure VNC straight from the console").
     */
    public ShadowRefusal unrecordable(Device device, String admin, String client, String route) {
        return refuse(device, admin, client, Reason.NOT_RECORDABLE, "NOT_RECORDABLE",
                "recording is required for " + device.name() + ", but this route (" + route + ") cannot be "
                        + "recorded; open the session in the web app, which the server records");
    }

    private ShadowRefusal refuse(Device device, String admin, String client, Reason reason, String outcome,
                                 String sentence) {
        long auditId = audit.begin(device, admin, device.route(), client);
        audit.finish(auditId, outcome, sentence, 0, 0);
        return new ShadowRefusal(reason, sentence);
    }

    private ShadowRefusal abandon(TunnelHost tunnels, String sessionId, long auditId, Reason reason, String outcome,
                                  String sentence) {
        // the entry's end first: cancelling makes the relay, or the gateway, report an end of its own
        relayAudit.forget(sessionId);
        recordings.forget(sessionId);
        audit.finish(auditId, outcome, sentence, 0, 0);
        tunnels.cancel(sessionId, sentence);
        return new ShadowRefusal(reason, sentence);
    }
}
