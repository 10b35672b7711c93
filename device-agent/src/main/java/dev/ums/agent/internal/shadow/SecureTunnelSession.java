package dev.ums.agent.internal.shadow;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OS 11 device's answer to {@code shadow.open} (a console reaching it through a gateway): the tunnel is
 * joined to a loopback connection to the device's own secure VNC port, so the console's TLS session ends in
 * the agent's {@code SecureVncListener} exactly as on the direct path, and whoever relays the tunnel carries
 * only ciphertext. The password check and the user's prompt happen in that listener, after the tunnel is open;
 * this session answers {@code ACCEPTED} as soon as both ends are connected.
 */
final class SecureTunnelSession implements DeviceSide {
    private static final Logger LOG = LoggerFactory.getLogger(SecureTunnelSession.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final UpMessage.ShadowOpen open;
    private final ShadowSettings local;
    private final int securePort;
    private final TunnelOpener tunnels;
    private final UpSender up;

    SecureTunnelSession(UpMessage.ShadowOpen open, ShadowSettings local, int securePort, TunnelOpener tunnels,
                        UpSender up) {
        this.open = open;
        this.local = local;
        this.securePort = securePort;
        this.tunnels = tunnels;
        this.up = up;
    }

    @Override
    public String id() {
        return open.sessionId();
    }

    @Override
    public Optional<BytePump> start() {
        ShadowSettings effective = open.effectiveSettings(local);
        if (!effective.allowShadowing()) {
            return refuse(ShadowOutcome.NOT_ALLOWED, "shadowing is switched off on this device");
        }
        Socket secure = new Socket();
        try {
            secure.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), securePort), CONNECT_TIMEOUT_MILLIS);
            secure.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(secure);
            return refuse(ShadowOutcome.ERROR, "the device's secure VNC port " + securePort + " does not answer ("
                    + e.getMessage() + ")");
        }
        WebSocketEndpoint tunnel;
        try {
            tunnel = tunnels.open(open.tunnelUrl(), open.token(), open.tunnelFingerprint());
        } catch (IOException e) {
            closeQuietly(secure);
            return refuse(ShadowOutcome.TUNNEL_FAILED, e.getMessage());
        }
        up.send(new UpMessage.ShadowResult(id(), ShadowOutcome.ACCEPTED, null));
        LOG.info("session {}: tunnel joined to the secure VNC port {} for {}", id(), securePort, open.admin());
        return Optional.of(BytePump.start("secure-tunnel-" + id(), Endpoint.of(secure), tunnel, BytePump.DEFAULT_BOUND));
    }

    private Optional<BytePump> refuse(ShadowOutcome outcome, String message) {
        LOG.info("session {}: {} ({})", id(), outcome, message);
        up.send(new UpMessage.ShadowResult(id(), outcome, message));
        return Optional.empty();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("close failed", e);
        }
    }
}
