package dev.ums.server.internal.up;

import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelSocket;
import dev.ums.relay.TunnelTokens;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.ShadowBroker;
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
 * UP path, both tunnel sides by their single-use token. Refusals are plain HTTP 401s.
 */
public final class UpgradeRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeRoutes.class);
    private final DeviceStore devices;
    private final DeviceConnections connections;
    private final ShadowBroker broker;
    private final SecureVncSecrets secrets;
    private final TunnelTokens tokens;
    private final TunnelRelay relay;

    public UpgradeRoutes(DeviceStore devices, DeviceConnections connections, ShadowBroker broker,
                         SecureVncSecrets secrets, TunnelTokens tokens, TunnelRelay relay) {
        this.devices = devices;
        this.connections = connections;
        this.broker = broker;
        this.secrets = secrets;
        this.tokens = tokens;
        this.relay = relay;
    }

    public void register(ServerWebSocketContainer container) {
        container.addMapping(UpPaths.UP, this::upSocket);
        container.addMapping(UpPaths.TUNNEL_PREFIX + "*", this::tunnelSocket);
    }

    private Object upSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        Optional<Long> deviceId = deviceOf(auth);
        if (deviceId.isEmpty()) {
            LOG.warn("refused a device connection from {}: bad credential", Request.getRemoteAddr(request));
            Response.writeError(request, response, callback, 401, "unknown device or wrong credential");
            return null;
        }
        return new UpSocket(deviceId.get(), reachedHost(request), Request.getRemoteAddr(request), "direct",
                devices, connections, broker, secrets);
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

    private Object tunnelSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String path = Request.getPathInContext(request);
        String sessionId = path.substring(path.lastIndexOf('/') + 1);
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = auth != null && auth.startsWith(UpPaths.BEARER) ? auth.substring(UpPaths.BEARER.length()).trim() : null;
        Optional<TunnelSide> side = tokens.consume(token, sessionId);
        if (side.isEmpty()) {
            LOG.warn("refused a tunnel for session {} from {}: token missing, unknown, used, expired or for another session",
                    sessionId, Request.getRemoteAddr(request));
            Response.writeError(request, response, callback, 401, "the tunnel token is missing, unknown, used or expired");
            return null;
        }
        return new TunnelSocket(relay, sessionId, side.get());
    }

    private static String reachedHost(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || host.isBlank()) {
            return Request.getServerName(request) + ":" + Request.getServerPort(request);
        }
        return host.contains(":") && !host.endsWith("]") ? host : host + ":" + Request.getServerPort(request);
    }
}
