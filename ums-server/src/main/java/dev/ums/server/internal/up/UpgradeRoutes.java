package dev.ums.server.internal.up;

import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.BrowserAdmission;
import dev.ums.relay.ConnectionGuard;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.TunnelUpgrade;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.PendingEnrollments;
import dev.ums.server.internal.shadow.LocalTunnelHost;
import java.util.Optional;
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
 * Authenticates WebSocket upgrades before any socket exists: devices by their enrollment credential on the
 * UP path, both tunnel sides by their single-use token. Refusals are plain HTTP 401s; a credential of a
 * re-enrollment that still waits for an administrator gets 403.
 */
public final class UpgradeRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeRoutes.class);
    private final DeviceStore devices;
    private final PendingEnrollments pending;
    private final UpDispatcher dispatcher;
    private final TunnelTokens tokens;
    private final TunnelRelay relay;
    private final String advertiseUrl;
    private final ConnectionGuard guard;
    private final BrowserAdmission browsers;
    private final RepeatedWarning refusals = RepeatedWarning.perMinute(LOG, java.time.Clock.systemUTC(),
            "refused device connections");

    public UpgradeRoutes(DeviceStore devices, PendingEnrollments pending, UpDispatcher dispatcher,
                         TunnelTokens tokens, TunnelRelay relay, String advertiseUrl, ConnectionGuard guard,
                         BrowserAdmission browsers) {
        this.guard = guard;
        this.browsers = browsers;
        this.devices = devices;
        this.pending = pending;
        this.dispatcher = dispatcher;
        this.tokens = tokens;
        this.relay = relay;
        this.advertiseUrl = advertiseUrl;
    }

    public void register(ServerWebSocketContainer container) {
        container.addMapping(UpPaths.UP, this::upSocket);
        container.addMapping(TunnelUpgrade.pathSpec(), new TunnelUpgrade(tokens, relay, guard, browsers));
    }

    private Object upSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        Optional<Long> deviceId = deviceOf(auth);
        if (deviceId.isEmpty() && awaitsApproval(auth)) {
            Response.writeError(request, response, callback, 403,
                    "this device's re-enrollment waits for an administrator's approval");
            return null;
        }
        if (deviceId.isEmpty()) {
            refusals.warn("refused a device connection from {}: bad credential", Request.getRemoteAddr(request));
            Response.writeError(request, response, callback, 401, "unknown device or wrong credential");
            return null;
        }
        long id = deviceId.get();
        guard.authenticated(request);
        String remoteIp = Request.getRemoteAddr(request);
        LocalTunnelHost tunnels = new LocalTunnelHost(tokens, relay, advertiseUrl, reachedHost(request));
        return new UpSocket(id, remoteIp, dispatcher, session -> new UpConnection(id, session, remoteIp, tunnels));
    }

    private boolean awaitsApproval(String auth) {
        String[] parts = credentialParts(auth);
        try {
            return parts != null && pending.awaits(Long.parseLong(parts[0]), parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String[] credentialParts(String auth) {
        if (auth == null || !auth.startsWith(UpPaths.DEVICE_AUTH_SCHEME)) {
            return null;
        }
        String[] parts = auth.substring(UpPaths.DEVICE_AUTH_SCHEME.length()).trim().split(":", 2);
        return parts.length == 2 ? parts : null;
    }

    private Optional<Long> deviceOf(String auth) {
        if (auth == null || !auth.startsWith(UpPaths.DEVICE_AUTH_SCHEME)) {
            return Optional.empty();
        }
        String[] parts = auth.substring(UpPaths.DEVICE_AUTH_SCHEME.length()).trim().split(":", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(parts[0]);
            return devices.credentialMatches(id, parts[1]) ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String reachedHost(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || host.isBlank()) {
            return Request.getServerName(request) + ":" + Request.getServerPort(request);
        }
        return host.contains(":") && !host.endsWith("]") ? host : host + ":" + Request.getServerPort(request);
    }
}
