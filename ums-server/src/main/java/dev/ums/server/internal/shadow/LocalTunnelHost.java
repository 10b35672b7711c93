package dev.ums.server.internal.shadow;

import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.server.internal.link.TunnelHost;
import java.time.Duration;

/**
 * Tunnels through this server's own relay. URLs use the advertised base URL, else the address each side
 * used to reach the server: a device and a console may know the server by different names.
 */
public record LocalTunnelHost(TunnelTokens tokens, TunnelRelay relay, String advertiseUrl, String deviceReachedHost) implements TunnelHost {
    @Override
    public void prepare(String sessionId, String consoleToken, String deviceToken, Duration ttl,
                        Presenter consolePresenter) {
        relay.open(sessionId);
        tokens.grant(consoleToken, sessionId, TunnelSide.CONSOLE, ttl, consolePresenter);
        tokens.grant(deviceToken, sessionId, TunnelSide.DEVICE, ttl);
    }

    @Override
    public void cancel(String sessionId, String reason) {
        tokens.revokeSession(sessionId);
        relay.cancel(sessionId, reason);
    }

    @Override
    public String deviceUrl(String sessionId) {
        return tunnelUrl(advertiseUrl != null ? advertiseUrl : "https://" + deviceReachedHost, sessionId);
    }

    @Override
    public String consoleUrl(String sessionId, String consoleHost) {
        return tunnelUrl(advertiseUrl != null ? advertiseUrl : "https://" + consoleHost, sessionId);
    }

    /** Always the page's host, never the advertised URL: the browser's cookie and policy are bound to its page. */
    @Override
    public String browserUrl(String sessionId, String browserHost) {
        return tunnelUrl("https://" + browserHost, sessionId);
    }

    @Override
    public String fingerprint() {
        return null;
    }

    @Override
    public String gatewayUrl() {
        return null;
    }

    @Override
    public String route() {
        return "direct";
    }

    /** {@code https://host:port} → {@code wss://host:port/shadow/tunnel/<sessionId>}. */
    public static String tunnelUrl(String baseUrl, String sessionId) {
        return baseUrl.replaceFirst("^http", "ws").replaceAll("/+$", "") + UpPaths.TUNNEL_PREFIX + sessionId;
    }
}
