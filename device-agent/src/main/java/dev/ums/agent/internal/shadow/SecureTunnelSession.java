package dev.ums.agent.internal.shadow;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

    private final UpMessage.ShadowOpen open;
    private final ShadowSettings local;
    private final int securePort;
    private final TunnelOpener tunnels;
    private final UpSender up;
    private final TunnelledConnections tunnelled;

    SecureTunnelSession(UpMessage.ShadowOpen open, ShadowSettings local, int securePort, TunnelOpener tunnels,
                        UpSender up, TunnelledConnections tunnelled) {
        this.tunnelled = tunnelled;
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
    public UpMessage.ShadowOpen request() {
        return open;
    }

    @Override
    public Optional<Joined> start() {
        TunnelJoin join = new TunnelJoin(open, tunnels, up);
        ShadowSettings effective = open.effectiveSettings(local);
        if (!effective.allowShadowing()) {
            return join.refuse(ShadowOutcome.NOT_ALLOWED, "shadowing is switched off on this device");
        }
        LOG.info("session {}: joining the tunnel to the secure VNC port {} for {}", id(), securePort, open.admin());
        int[] localPort = {-1};
        Optional<Joined> joined = join.join(new InetSocketAddress(InetAddress.getLoopbackAddress(), securePort),
                ShadowOutcome.ERROR,
                e -> "the device's secure VNC port " + securePort + " does not answer (" + e.getMessage() + ")",
                socket -> {
                    localPort[0] = socket.getLocalPort();
                    tunnelled.opened(socket);
                    return Endpoint.of(socket);
                }, "secure-tunnel-" + id());
        if (localPort[0] >= 0) {
            joined.ifPresentOrElse(j -> j.pump().done().whenComplete((totals, e) -> tunnelled.closed(localPort[0])),
                    () -> tunnelled.closed(localPort[0]));
        }
        return joined;
    }
}
