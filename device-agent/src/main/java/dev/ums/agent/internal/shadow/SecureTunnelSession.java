package dev.ums.agent.internal.shadow;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
final class SecureTunnelSession extends DeviceSide {
    private static final Logger LOG = LoggerFactory.getLogger(SecureTunnelSession.class);

    private final int securePort;
    private final TunnelledConnections tunnelled;

    SecureTunnelSession(UpMessage.ShadowOpen open, ShadowSettings local, int securePort, TunnelOpener tunnels,
                        UpSender up, TunnelledConnections tunnelled) {
        super(open, local, tunnels, up);
        this.securePort = securePort;
        this.tunnelled = tunnelled;
    }

    @Override
    Optional<Joined> serve(TunnelJoin join, ShadowSettings effective) {
        LOG.info("session {}: joining the tunnel to the secure VNC port {} for {}", id(), securePort,
                ShownValue.of(request().admin()));
        SocketAddress[] agentEnd = new SocketAddress[1];
        Optional<Joined> joined = join.join(new InetSocketAddress(InetAddress.getLoopbackAddress(), securePort),
                ShadowOutcome.ERROR,
                e -> "the device's secure VNC port " + securePort + " does not answer (" + e.getMessage() + ")",
                socket -> {
                    agentEnd[0] = tunnelled.opened(socket);
                    return Endpoint.of(socket);
                }, "secure-tunnel-" + id());
        if (agentEnd[0] != null) {
            joined.ifPresentOrElse(j -> j.pump().done().whenComplete((totals, e) -> tunnelled.closed(agentEnd[0])),
                    () -> tunnelled.closed(agentEnd[0]));
        }
        return joined;
    }
}
