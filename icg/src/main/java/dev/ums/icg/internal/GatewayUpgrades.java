package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.ConnectionGuard;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.TunnelUpgrade;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits the gateway's three kinds of WebSocket: the server's control link (shared secret), devices' UP
 * sockets (credential checked by the server, after the gateway checked that the device id and credential are of the
 * form the server issues: {@link PresentedDevice}) and tunnels (tokens the server registered). Jetty calls the
 * upgrades on its request threads.
 */
public final class GatewayUpgrades {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayUpgrades.class);
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    /** How long a device may wait for a relinking server, and how many may wait at once (threads are finite). */
    private static final Duration RELINK_WAIT = Duration.ofSeconds(3);
    private final Semaphore relinkWaiters = new Semaphore(32);
    /**
     * Device upgrades waiting for the server's verdict at once: each waits on a request thread (an upgrade is
     * decided before it returns), so beyond this the gateway answers 503 instead of running out of threads.
     */
    static final int AUTH_WAITERS = 64;
    private final Semaphore authWaiters = new Semaphore(AUTH_WAITERS);
    /** Anyone may knock with a wrong secret or credential: the lines are limited. */
    private final RepeatedWarning refusals = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "refused server links and devices");
    private final SecretGuesses guesses = new SecretGuesses(Clock.systemUTC());
    private final RepeatedWarning deviceRefusals = DeviceSocket.refusalWarning(Clock.systemUTC());

    private final byte[] secret;
    private final ServerLink link;
    private final DeviceSockets devices;
    private final TunnelTokens tokens;
    private final TunnelRelay relay;
    private final Supplier<GatewayMessage.GatewayHello> hello;
    private final ConnectionGuard guard;

    public GatewayUpgrades(String secret, ServerLink link, DeviceSockets devices, TunnelTokens tokens,
                           TunnelRelay relay, Supplier<GatewayMessage.GatewayHello> hello, ConnectionGuard guard) {
        this.guard = guard;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.link = link;
        this.devices = devices;
        this.tokens = tokens;
        this.relay = relay;
        this.hello = hello;
    }

    public void register(ServerWebSocketContainer container) {
        container.addMapping(GatewayPaths.SERVER_LINK, this::serverLink);
        container.addMapping(UpPaths.UP, this::deviceSocket);
        container.addMapping(TunnelUpgrade.pathSpec(), new TunnelUpgrade(tokens, relay, guard));
    }

    private Object serverLink(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String address = Request.getRemoteAddr(request);
        if (guesses.exhausted(address)) {
            refusals.warn("refused a server link from {}: too many wrong gateway secrets in the last minute", address);
            Response.writeError(request, response, callback, 429,
                    "too many wrong gateway secrets from this address; try again in a minute");
            return null;
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String presented = auth != null && auth.startsWith(GatewayPaths.AUTH_SCHEME)
                ? auth.substring(GatewayPaths.AUTH_SCHEME.length()).trim() : "";
        if (!MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            guesses.wrong(address);
            refusals.warn("refused a server link from {}: wrong gateway secret", address);
            Response.writeError(request, response, callback, 401, "wrong gateway secret");
            return null;
        }
        guard.authenticated(request);
        return new ServerLinkSocket(link, devices, tokens, relay, hello.get(), Request.getRemoteAddr(request));
    }

    private boolean awaitRelink() throws InterruptedException {
        if (!relinkWaiters.tryAcquire()) {
            return false;
        }
        try {
            return link.awaitUp(RELINK_WAIT);
        } finally {
            relinkWaiters.release();
        }
    }

    /**
     * Asks the server whether the device's credential is good, within {@link #AUTH_TIMEOUT} in all: again on the new
     * link when the one the question went out on was replaced (its server will not answer), so that a device knocking
     * while another server node takes over the link is let in instead of waiting out the limit for a 503.
     */
    private GatewayMessage authenticate(String deviceId, String credential) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + AUTH_TIMEOUT.toNanos();
        while (true) {
            if (!link.isUp() && !awaitRelink()) {
                throw new IOException(ServerLink.NO_SERVER);
            }
            String requestId = UUID.randomUUID().toString();
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            try {
                return link.request(requestId, new GatewayMessage.DeviceAuth(requestId, deviceId, credential),
                        left.isNegative() ? Duration.ZERO : left);
            } catch (LinkReplacedException e) {
                if (deadline - System.nanoTime() <= 0) {
                    throw e;
                }
            }
        }
    }

    private Object deviceSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String remoteIp = Request.getRemoteAddr(request);
        Optional<PresentedDevice> presented = PresentedDevice.parse(auth);
        if (presented.isEmpty()) {
            if (auth != null && auth.startsWith(UpPaths.DEVICE_AUTH_SCHEME)) {
                refusals.warn("refused a device from {}: its id or credential is not of the form the server issues",
                        remoteIp);
            }
            Response.writeError(request, response, callback, 401, "unknown device or wrong credential");
            return null;
        }
        String deviceId = presented.get().deviceId();
        String credential = presented.get().credential();
        if (!authWaiters.tryAcquire()) {
            Response.writeError(request, response, callback, 503, "the gateway is busy; connect again shortly");
            return null;
        }
        try {
            GatewayMessage answer = authenticate(deviceId, credential);
            if (!(answer instanceof GatewayMessage.DeviceAuthResult result) || !result.ok()) {
                refusals.warn("refused device {} from {}: bad credential", deviceId, remoteIp);
                Response.writeError(request, response, callback, 401, "unknown device or wrong credential");
                return null;
            }
        } catch (IOException e) {
            Response.writeError(request, response, callback, 503, e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Response.writeError(request, response, callback, 503, "the gateway is shutting down");
            return null;
        } finally {
            authWaiters.release();
        }
        guard.authenticated(request);
        return new DeviceSocket(deviceId, remoteIp, credential, devices, link, deviceRefusals);
    }
}
