package dev.ums.relay;

import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.up.UpPaths;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a tunnel WebSocket at {@code /shadow/tunnel/<sessionId>} only with a token issued for that session
 * ({@code Authorization: Bearer <token>}); anything else gets a plain HTTP 401 before a socket exists.
 */
public final class TunnelUpgrade implements WebSocketCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelUpgrade.class);
    private final TunnelTokens tokens;
    private final TunnelRelay relay;
    private final ConnectionGuard guard;

    public TunnelUpgrade(TunnelTokens tokens, TunnelRelay relay, ConnectionGuard guard) {
        this.tokens = tokens;
        this.relay = relay;
        this.guard = guard;
    }

    /** The path spec to map this creator at. */
    public static String pathSpec() {
        return UpPaths.TUNNEL_PREFIX + "*";
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
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
        guard.authenticated(request);
        return new TunnelSocket(relay, sessionId, side.get());
    }
}
