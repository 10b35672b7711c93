package dev.ums.server.internal.webapp;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.secure.SecureVncHandshake.SecureVncException;
import dev.ums.protocol.secure.SecureVncHandshake;
import dev.ums.protocol.thread.DaemonThreads;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.tunnel.TunnelSocket;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.relay.EndpointPeer;
import dev.ums.relay.RelaySession;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.relay.FarEndClose;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.link.ShadowEnds;
import dev.ums.server.internal.recording.SessionRecordings;
import dev.ums.server.internal.shadow.LocalTunnelHost;
import dev.ums.server.internal.shadow.RelayAudit;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.ShadowRefusal.Reason;
import dev.ums.server.internal.shadow.ShadowRefusal;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app's sessions whose device a browser cannot reach itself, and consoles' sessions through a gateway that
 * must be recorded (docs/RECORDING.md): the server opens the device's side and the browser's or console's tunnel
 * meets it in this server's relay ({@link EndpointPeer}). Three paths: an OS 12 device behind a
 * gateway (the server opens the console side of the gateway's tunnel, pinned to the gateway), an OS 11 device
 * reached directly (TLS to its secure port pinned to the certificate the server holds, then the one-time
 * password), and an OS 11 device behind a gateway (the same TLS, end to end inside the gateway's tunnel). The
 * blocking steps run on a bounded pool (at most {@value #MAX_OPENING} at once); request threads never wait.
 */
public final class BrowserBridges implements AutoCloseable {
    static final int MAX_OPENING = 64;
    private static final Duration TOKEN_TTL = Duration.ofSeconds(65);
    private static final Duration GATEWAY_TIMEOUT = Duration.ofSeconds(15);
    private static final int DEFAULT_SECURE_PORT = 5900;
    private static final Logger LOG = LoggerFactory.getLogger(BrowserBridges.class);

    private final TunnelTokens tokens;
    private final TunnelRelay relay;
    private final RelayAudit relayAudit;
    private final SecureVncSecrets secrets;
    private final String advertiseUrl;
    private final SessionRecordings recordings;
    private final ThreadPoolExecutor pool;

    public BrowserBridges(TunnelTokens tokens, TunnelRelay relay, RelayAudit relayAudit, SecureVncSecrets secrets,
                          String advertiseUrl, SessionRecordings recordings) {
        this(tokens, relay, relayAudit, secrets, advertiseUrl, recordings, MAX_OPENING);
    }

    /** As the server's, with at most {@code maxOpening} bridges being opened at once. */
    BrowserBridges(TunnelTokens tokens, TunnelRelay relay, RelayAudit relayAudit, SecureVncSecrets secrets,
                   String advertiseUrl, SessionRecordings recordings, int maxOpening) {
        this.recordings = recordings;
        this.tokens = tokens;
        this.relay = relay;
        this.relayAudit = relayAudit;
        this.secrets = secrets;
        this.advertiseUrl = advertiseUrl;
        this.pool = new ThreadPoolExecutor(0, maxOpening, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.numbered("web-bridge-open"));
    }

    /**
     * OS 12 behind a gateway: once the device accepted, the server takes the console side at the gateway. The
     * caller's side of the relay is a browser's ({@link Presenter#BROWSER}) or a console's ({@link Presenter#ANY}).
     * When the bridge cannot be made (busy, the gateway's tunnel failing), {@code gatewayEnds} ends the brokered
     * session at the gateway, so the device is not left waiting for a console that never comes.
     */
    public CompletableFuture<ShadowSession> viaGateway(CompletableFuture<ShadowSession> brokered, String browserHost,
                                                       Presenter caller, ShadowEnds gatewayEnds) {
        return async(brokered, gateway -> {
            WebSocketEndpoint tunnel = openAtGateway(gateway);
            try {
                return meet(tunnel, FarEndClose.of(tunnel), null, gateway.route(), gateway.viewOnly(), browserHost,
                        caller, null, id -> recordings.move(gateway.sessionId(), id, "icg, bridged by the server"));
            } catch (IOException | RuntimeException e) {
                closeQuietly(tunnel);
                throw e;
            }
        }, (gateway, sentence) -> gatewayEnds.end(gateway.sessionId(), sentence));
    }

    /** OS 11 reached directly: TLS to its secure port, the certificate compared, then the one-time password. */
    public CompletableFuture<ShadowSession> os11Direct(Device device, String admin, String browserHost) {
        SecureVncSecrets.Issued issued = secrets.issue(device, admin, "web app");
        X509Certificate certificate = certificate(device, issued);
        String host = device.lastIp();
        if (host == null || host.isBlank()) {
            throw refuse(device, issued, Reason.OFFLINE, "the server knows no address for " + device.name() + " (id "
                    + device.id() + "): the device never connected to it");
        }
        int port = device.securePort() != null && device.securePort() > 0 ? device.securePort() : DEFAULT_SECURE_PORT;
        String address = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String place = "the device at " + address;
        return async(CompletableFuture.completedFuture(null), ignored -> {
            try {
                Socket plain = SecureVncHandshake.connect(host, port, address);
                SSLSocket tls = SecureVncHandshake.startTls(plain, host, port, certificate, place, address);
                Endpoint device11 = SecureVncHandshake.sendPassword(tls, place, issued.secret().password());
                return meet(device11, FarEndClose.NONE, plain, "direct", false, browserHost, Presenter.BROWSER,
                        issued.auditId(), id -> recordings.planIfRequired(id, device, admin, false,
                                "os11, bridged by the server", issued.auditId()));
            } catch (SecureVncException e) {
                throw new ShadowRefusal(reason(e), e.getMessage());
            }
        }, (ignored, sentence) -> secrets.withdraw(device.id(), issued, "FAILED", sentence));
    }

    /**
     * OS 11 behind a gateway: the brokered tunnel carries TLS between this server and the device, end to end. The
     * device is asked ({@code broker}) only once the password is issued and the certificate it must present is known,
     * so a session that could not be made never reaches the device's screen.
     */
    public CompletableFuture<ShadowSession> os11ViaGateway(Device device, String admin,
                                                           Supplier<CompletableFuture<ShadowSession>> broker,
                                                           String browserHost, ShadowEnds gatewayEnds) {
        SecureVncSecrets.Issued issued = secrets.issue(device, admin, "web app");
        X509Certificate certificate = certificate(device, issued);
        CompletableFuture<ShadowSession> brokered;
        try {
            brokered = broker.get();
        } catch (RuntimeException refused) {
            secrets.withdraw(device.id(), issued, "FAILED", refused.getMessage());
            throw refused;
        }
        brokered.whenComplete((session, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                secrets.withdraw(device.id(), issued, "FAILED", cause.getMessage());
            }
        });
        return async(brokered, gateway -> {
            // this server's relay carries the session under its own id, planned in meet
            recordings.forget(gateway.sessionId());
            WebSocketEndpoint tunnel = openAtGateway(gateway);
            URI at = URI.create(gateway.tunnelUrl());
            String place = "the device behind the gateway " + at.getHost() + ":" + at.getPort();
            try {
                Socket plain = TunnelSocket.over(tunnel, "web-os11-tunnel-" + gateway.sessionId());
                SSLSocket tls = SecureVncHandshake.startTls(plain, device.name(), at.getPort(), certificate, place, place);
                Endpoint device11 = SecureVncHandshake.sendPassword(tls, place, issued.secret().password());
                return meet(device11, FarEndClose.of(tunnel), plain, "icg", false, browserHost, Presenter.BROWSER,
                        issued.auditId(), id -> recordings.planIfRequired(id, device, admin, false,
                                "os11 over icg, bridged by the server", issued.auditId()));
            } catch (SecureVncException e) {
                closeQuietly(tunnel);
                throw new ShadowRefusal(reason(e), e.getMessage());
            } catch (IOException e) {
                closeQuietly(tunnel);
                throw new ShadowRefusal(Reason.FAILED, "the tunnel to " + device.name() + " could not be used: "
                        + e.getMessage());
            } catch (RuntimeException e) {
                closeQuietly(tunnel);
                throw e;
            }
        }, (gateway, sentence) -> {
            secrets.withdraw(device.id(), issued, "FAILED", sentence);
            gatewayEnds.end(gateway.sessionId(), sentence);
        });
    }

    @FunctionalInterface
    private interface Step<T> {
        ShadowSession apply(T value) throws IOException;
    }

    /** Undoes what was granted before a step that could not run or failed: {@code sentence} says why. */
    @FunctionalInterface
    private interface Undo<T> {
        void undo(T value, String sentence);
    }

    /**
     * Runs {@code step} on the pool once {@code before} completed. When the pool is full, or the step fails, {@code
     * undo} ends what was granted for it (an audit entry, a one-time password, a gateway's tunnel) before the
     * refusal is answered.
     */
    private <T> CompletableFuture<ShadowSession> async(CompletableFuture<T> before, Step<T> step, Undo<T> undo) {
        CompletableFuture<ShadowSession> result = new CompletableFuture<>();
        before.whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
                return;
            }
            try {
                pool.execute(() -> {
                    try {
                        result.complete(step.apply(value));
                    } catch (IOException e) {
                        ShadowRefusal refusal = new ShadowRefusal(Reason.FAILED, e.getMessage() == null
                                ? "the connection to the device failed" : e.getMessage());
                        fail(result, refusal, value, undo);
                    } catch (RuntimeException e) {
                        fail(result, e, value, undo);
                    }
                });
            } catch (RejectedExecutionException e) {
                fail(result, new ShadowRefusal(Reason.BUSY, "too many web app sessions are being opened at once; "
                        + "try again shortly"), value, undo);
            }
        });
        return result;
    }

    private static <T> void fail(CompletableFuture<ShadowSession> result, RuntimeException failure, T value,
                                 Undo<T> undo) {
        try {
            undo.undo(value, failure.getMessage());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            LOG.warn("could not undo a bridge that was not made: {}", e.getMessage());
        }
        result.completeExceptionally(failure);
    }

    private static WebSocketEndpoint openAtGateway(ShadowSession gateway) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext())
                .connectTimeout(GATEWAY_TIMEOUT).build();
        return WebSocketEndpoint.connect(client, URI.create(gateway.tunnelUrl()), gateway.token(), GATEWAY_TIMEOUT);
    }

    /**
     * A relay session whose device side is {@code device}; the browser (or console) gets its URL and a single-use
     * token that only {@code caller} may present. {@code planRecording} is told the relay session's id before the
     * relay opens it.
     */
    private ShadowSession meet(Endpoint device, FarEndClose farEnd, Socket underneath, String route,
                               boolean viewOnly, String browserHost, Presenter caller, Long auditId,
                               Consumer<String> planRecording)
            throws IOException {
        String id = UUID.randomUUID().toString();
        String token = RandomTokens.newToken();
        planRecording.accept(id);
        relay.open(id);
        if (auditId != null) {
            relayAudit.track(id, auditId);
        }
        EndpointPeer peer = new EndpointPeer(device, TunnelSide.DEVICE, "web-bridge-" + id.substring(0, 8), farEnd,
                underneath);
        RelaySession session = relay.attach(id, TunnelSide.DEVICE, peer);
        if (session == null) {
            device.close();
            throw new IOException("the session ended before the browser could join it");
        }
        peer.start(session, relay);
        tokens.grant(token, id, TunnelSide.CONSOLE, TOKEN_TTL, caller);
        LOG.info("bridged session {}: the server holds the device side ({})", id, route);
        // a browser's tunnel goes to its page's host (its cookie and policy admit no other), a console's to this node
        String base = caller == Presenter.BROWSER || advertiseUrl == null ? "https://" + browserHost : advertiseUrl;
        return new ShadowSession(id, LocalTunnelHost.tunnelUrl(base, id), token, route, viewOnly,
                TOKEN_TTL.toSeconds(), null);
    }

    private X509Certificate certificate(Device device, SecureVncSecrets.Issued issued) {
        String pem = issued.secret().certificate();
        if (pem == null || pem.isBlank()) {
            throw refuse(device, issued, Reason.OFFLINE, "the server holds no certificate for this device; it never "
                    + "sent one");
        }
        try {
            return SelfSignedIdentity.Pem.decode(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw refuse(device, issued, Reason.SERVER_DATA, "the certificate the server holds for " + device.name()
                    + " cannot be read");
        }
    }

    /**
     * Ends the entry and takes back the password of a session that will not be opened, for a refusal before any
     * bridge step (whose failures the step's undo answers).
     */
    private ShadowRefusal refuse(Device device, SecureVncSecrets.Issued issued, Reason reason, String sentence) {
        secrets.withdraw(device.id(), issued, "FAILED", sentence);
        return new ShadowRefusal(reason, sentence);
    }

    private static Reason reason(SecureVncException e) {
        return switch (e.failure()) {
            case REFUSED -> Reason.NOT_ALLOWED;
            case UNREACHABLE, NO_ANSWER -> Reason.NO_ANSWER;
            case CERTIFICATE_MISMATCH, TLS_FAILED, NOT_RFB -> Reason.FAILED;
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
