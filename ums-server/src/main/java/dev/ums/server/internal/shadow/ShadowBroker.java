package dev.ums.server.internal.shadow;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.rest.ApiException;
import dev.ums.server.internal.up.DeviceConnections;
import dev.ums.server.internal.up.UpConnection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brokers a console's shadow request: asks the device over its UP socket, waits for its answer, prepares
 * the relay and hands the console its tunnel URL and token. Every attempt lands in the audit log.
 */
public final class ShadowBroker {
    /** How long the device may take to answer, prompt included (the agent's prompt times out first). */
    public static final Duration ANSWER_LIMIT = Duration.ofSeconds(35);
    static final Duration CONSOLE_TOKEN_TTL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(ShadowBroker.class);

    private final DeviceStore devices;
    private final DeviceConnections connections;
    private final TunnelTokens tokens;
    private final TunnelRelay relay;
    private final RelayAudit relayAudit;
    private final AuditLog audit;
    private final String advertiseUrl;
    private final ConcurrentHashMap<String, CompletableFuture<UpMessage.ShadowResult>> pending = new ConcurrentHashMap<>();

    public ShadowBroker(DeviceStore devices, DeviceConnections connections, TunnelTokens tokens, TunnelRelay relay,
                        RelayAudit relayAudit, AuditLog audit, String advertiseUrl) {
        this.devices = devices;
        this.connections = connections;
        this.tokens = tokens;
        this.relay = relay;
        this.relayAudit = relayAudit;
        this.audit = audit;
        this.advertiseUrl = advertiseUrl;
    }

    /**
     * Starts a session for {@code admin}; {@code consoleHost} is the {@code host:port} the console used to
     * reach this server. Blocks until the device answered, at most {@link #ANSWER_LIMIT}.
     */
    public ShadowSession start(String admin, long deviceId, boolean viewOnly, String consoleHost) {
        Device device = devices.find(deviceId)
                .orElseThrow(() -> new ApiException(404, "no device with id " + deviceId));
        UpConnection connection = connections.get(deviceId)
                .orElseThrow(() -> refuse(device, admin, 409, "OFFLINE", "the device is offline"));
        if (!device.settings().allowShadowing()) {
            throw refuse(device, admin, 403, ShadowOutcome.NOT_ALLOWED.name(), ShadowOutcome.NOT_ALLOWED.sentence());
        }
        long auditId = audit.begin(device, admin, "direct");
        String sessionId = UUID.randomUUID().toString();
        relayAudit.track(sessionId, auditId);
        relay.open(sessionId);
        CompletableFuture<UpMessage.ShadowResult> answer = new CompletableFuture<>();
        pending.put(sessionId, answer);
        String deviceToken = tokens.issue(sessionId, TunnelSide.DEVICE, ANSWER_LIMIT.plusSeconds(5));
        connection.send(new UpMessage.ShadowOpen(sessionId, tunnelUrl(connection.reachedHost(), sessionId), deviceToken,
                null, admin, viewOnly, device.settings()));
        UpMessage.ShadowResult result;
        try {
            result = answer.get(ANSWER_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw abandon(sessionId, auditId, 504, "NO_ANSWER", "the device did not answer the shadow request");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandon(sessionId, auditId, 503, "FAILED", "the server is shutting down");
        } catch (ExecutionException e) {
            throw abandon(sessionId, auditId, 502, "FAILED", e.getCause().getMessage());
        } finally {
            pending.remove(sessionId);
        }
        if (result.outcome() != ShadowOutcome.ACCEPTED) {
            String sentence = result.outcome().sentence();
            throw abandon(sessionId, auditId, statusOf(result.outcome()), result.outcome().name(),
                    result.message() == null ? sentence : sentence + " (" + result.message() + ")");
        }
        audit.outcome(auditId, "ACCEPTED", "the device accepted");
        String consoleToken = tokens.issue(sessionId, TunnelSide.CONSOLE, CONSOLE_TOKEN_TTL);
        LOG.info("session {}: {} shadows device {} ({})", sessionId, admin, deviceId, viewOnly ? "view only" : "full");
        return new ShadowSession(sessionId, tunnelUrl(consoleHost, sessionId), consoleToken, "direct", viewOnly,
                CONSOLE_TOKEN_TTL.toSeconds(), null);
    }

    public void onResult(long deviceId, UpMessage.ShadowResult result) {
        CompletableFuture<UpMessage.ShadowResult> answer = pending.get(result.sessionId());
        if (answer == null) {
            LOG.warn("device {} answered unknown or finished session {}", deviceId, result.sessionId());
            return;
        }
        answer.complete(result);
    }

    public void onDeviceClosed(long deviceId, UpMessage.ShadowClosed closed) {
        relay.end(closed.sessionId(), closed.reason() == null ? "the device ended the session" : closed.reason());
    }

    private ApiException refuse(Device device, String admin, int status, String outcome, String sentence) {
        long auditId = audit.begin(device, admin, "direct");
        audit.finish(auditId, outcome, sentence, 0, 0);
        return new ApiException(status, sentence);
    }

    private ApiException abandon(String sessionId, long auditId, int status, String outcome, String sentence) {
        tokens.revokeSession(sessionId);
        relay.cancel(sessionId, sentence);
        audit.finish(auditId, outcome, sentence, 0, 0);
        return new ApiException(status, sentence);
    }

    private static int statusOf(ShadowOutcome outcome) {
        return switch (outcome) {
            case DECLINED, NOT_ALLOWED -> 403;
            case NO_VNC_SERVER, TUNNEL_FAILED, ERROR -> 502;
            case ACCEPTED -> 200;
        };
    }

    private String tunnelUrl(String reachedHost, String sessionId) {
        String base = advertiseUrl != null ? advertiseUrl : "https://" + reachedHost;
        return base.replaceFirst("^http", "ws").replaceAll("/+$", "") + UpPaths.TUNNEL_PREFIX + sessionId;
    }
}
