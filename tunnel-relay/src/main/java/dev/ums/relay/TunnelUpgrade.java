package dev.ums.relay;

import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.up.UpPaths;
import java.time.Clock;
import java.util.List;
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
 * Admits a tunnel WebSocket at {@code /shadow/tunnel/<sessionId>} only with a token issued for that session;
 * anything else gets a plain HTTP error before a socket exists. Consoles and devices send the token as
 * {@code Authorization: Bearer <token>}. Browsers cannot set that header on a WebSocket, so the web app offers
 * two subprotocols instead, {@value #BROWSER_PROTOCOL} and {@value #TOKEN_PROTOCOL_PREFIX}{@code <token>}
 * (never part of the URL, so never in an access log or the browser's history); the answer selects only
 * {@value #BROWSER_PROTOCOL}. Such an upgrade must also pass the {@link BrowserAdmission} (origin and login
 * cookie) and may open only a console side; a token granted to browsers only ({@link TunnelTokens.Presenter#BROWSER})
 * is refused in the Bearer header. The token is used up by any presentation, admitted or not. No
 * WebSocket extension is accepted (permessage-deflate would compress already compressed RFB again).
 */
public record TunnelUpgrade(TunnelTokens tokens, TunnelRelay relay, ConnectionGuard guard, BrowserAdmission browsers)
        implements WebSocketCreator {
    /** The subprotocol a browser's tunnel speaks (binary frames of raw RFB, as every tunnel). */
    public static final String BROWSER_PROTOCOL = "ums-tunnel";
    /** The prefix of the subprotocol entry that carries a browser's tunnel token. */
    public static final String TOKEN_PROTOCOL_PREFIX = "ums-token.";
    private static final Logger LOG = LoggerFactory.getLogger(TunnelUpgrade.class);
    /** Anyone may knock without a token: the refusals' lines are limited (per process). */
    private static final RepeatedWarning REFUSALS = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "refused tunnel upgrades");

    /** A tunnel endpoint that admits no browser (the gateway's). */
    public TunnelUpgrade(TunnelTokens tokens, TunnelRelay relay, ConnectionGuard guard) {
        this(tokens, relay, guard, BrowserAdmission.NONE);
    }

    /** The path spec to map this creator at. */
    public static String pathSpec() {
        return UpPaths.TUNNEL_PREFIX + "*";
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String path = Request.getPathInContext(request);
        String sessionId = path.substring(path.lastIndexOf('/') + 1);
        Optional<String> browserToken = browserToken(request.getSubProtocols());
        String token = browserToken.orElseGet(() -> bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
        Optional<TunnelTokens.Admitted> admitted = tokens.consume(token, sessionId);
        if (admitted.isEmpty()) {
            REFUSALS.warn("refused a tunnel for session {} from {}: token missing, unknown, used, expired or for "
                    + "another session", RepeatedWarning.peerText(sessionId), Request.getRemoteAddr(request));
            Response.writeError(request, response, callback, 401, "the tunnel token is missing, unknown, used or expired");
            return null;
        }
        TunnelSide side = admitted.get().side();
        if (browserToken.isEmpty() && admitted.get().presenter() == TunnelTokens.Presenter.BROWSER) {
            // a web app's token copied out of the browser (a HAR file, a proxy's log) opens nothing without the login
            REFUSALS.warn("refused a tunnel for session {} from {}: its token is the web app's, presented without a "
                    + "browser", RepeatedWarning.peerText(sessionId), Request.getRemoteAddr(request));
            Response.writeError(request, response, callback, 403,
                    "this tunnel token was issued to the web app and is accepted only from the web app in a browser");
            return null;
        }
        if (browserToken.isPresent()) {
            BrowserAdmission.Refusal refusal = side == TunnelSide.CONSOLE ? browsers.refusal(request, sessionId)
                    : new BrowserAdmission.Refusal(403, "a browser may open only the console side of a tunnel");
            if (refusal != null) {
                REFUSALS.warn("refused a browser's tunnel for session {} from {}: {}", RepeatedWarning.peerText(sessionId),
                        Request.getRemoteAddr(request), refusal.sentence());
                Response.writeError(request, response, callback, refusal.status(), refusal.sentence());
                return null;
            }
            response.setAcceptedSubProtocol(BROWSER_PROTOCOL);
        }
        // A tunnel carries RFB that is compressed already (Tight, JPEG, zlib): compressing every frame again
        // (permessage-deflate, which browsers and some clients offer) would cost the server CPU for nothing.
        response.setExtensions(List.of());
        guard.authenticated(request);
        return new TunnelSocket(relay, sessionId, side);
    }

    /** The token a browser offered, when it offered the browser protocol and exactly one token. */
    private static Optional<String> browserToken(List<String> offered) {
        if (offered == null || !offered.contains(BROWSER_PROTOCOL)) {
            return Optional.empty();
        }
        List<String> tokens = offered.stream().filter(p -> p.startsWith(TOKEN_PROTOCOL_PREFIX))
                .map(p -> p.substring(TOKEN_PROTOCOL_PREFIX.length())).toList();
        return tokens.size() == 1 ? Optional.of(tokens.get(0)) : Optional.of("");
    }

    private static String bearer(String auth) {
        return auth != null && auth.startsWith(UpPaths.BEARER) ? auth.substring(UpPaths.BEARER.length()).trim() : null;
    }
}
