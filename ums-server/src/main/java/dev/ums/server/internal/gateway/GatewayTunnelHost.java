package dev.ums.server.internal.gateway;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.shadow.LocalTunnelHost;
import java.time.Duration;

/** Tunnels that meet at a gateway: the server registers the tokens there; console and device dial the gateway. */
record GatewayTunnelHost(GatewayClient gateway) implements TunnelHost {
    /**
     * The gateway accepts both tokens from any client: a browser never gets a gateway's token, the server bridges
     * the web app's sessions and presents the console's token itself ({@code BrowserBridges}).
     */
    @Override
    public void prepare(String sessionId, String consoleToken, String deviceToken, Duration ttl,
                        Presenter consolePresenter) {
        gateway.send(new GatewayMessage.TunnelRegister(sessionId, consoleToken, deviceToken, ttl.toSeconds()));
    }

    @Override
    public void cancel(String sessionId, String reason) {
        gateway.send(new GatewayMessage.TunnelCancel(sessionId, reason));
    }

    @Override
    public String deviceUrl(String sessionId) {
        return LocalTunnelHost.tunnelUrl(gateway.publicUrl(), sessionId);
    }

    @Override
    public String consoleUrl(String sessionId, String consoleHost) {
        return LocalTunnelHost.tunnelUrl(gateway.publicUrl(), sessionId);
    }

    /** The gateway's: the server opens it on the browser's behalf (bridged), the browser never does. */
    @Override
    public String browserUrl(String sessionId, String browserHost) {
        return LocalTunnelHost.tunnelUrl(gateway.publicUrl(), sessionId);
    }

    @Override
    public String fingerprint() {
        return gateway.fingerprint();
    }

    @Override
    public String gatewayUrl() {
        return gateway.url();
    }

    @Override
    public String route() {
        return "icg";
    }
}
