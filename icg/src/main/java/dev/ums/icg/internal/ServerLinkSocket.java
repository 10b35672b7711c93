package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.relay.SessionAlreadyOpen;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's end of the server's control socket: greets the server, announces the connected devices,
 * reports the tunnel ends it missed, and carries out what the server asks (messages to devices, closing a device's
 * socket, tunnel registrations). Jetty threads.
 */
public final class ServerLinkSocket implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLinkSocket.class);

    private final ServerLink link;
    private final DeviceSockets devices;
    private final TunnelTokens tokens;
    private final TunnelRelay relay;
    private final GatewayMessage.GatewayHello hello;
    private final String remote;
    private Session session;

    public ServerLinkSocket(ServerLink link, DeviceSockets devices, TunnelTokens tokens, TunnelRelay relay,
                            GatewayMessage.GatewayHello hello, String remote) {
        this.link = link;
        this.devices = devices;
        this.tokens = tokens;
        this.relay = relay;
        this.hello = hello;
        this.remote = remote;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        s.setIdleTimeout(Duration.ofSeconds(60));
        link.attach(s);
        link.send(hello);
        devices.all().forEach(DeviceSocket::announce);
        link.sendHeldTunnelEnds();
        LOG.info("UMS server connected from {}; {} devices announced", remote, devices.count());
    }

    @Override
    public void onWebSocketText(String text) {
        GatewayMessage message;
        try {
            message = GatewayMessage.parse(text);
        } catch (MalformedMessageException e) {
            LOG.warn("the server sent a malformed message, ignored: {}", e.getMessage());
            return;
        }
        if (message instanceof GatewayMessage.Heartbeat) {
            link.send(new GatewayMessage.Heartbeat(System.currentTimeMillis()));
        } else if (message instanceof GatewayMessage.EnrollResult r) {
            link.answered(r.requestId(), r);
        } else if (message instanceof GatewayMessage.DeviceAuthResult r) {
            link.answered(r.requestId(), r);
        } else if (message instanceof GatewayMessage.DeviceSend d) {
            DeviceSocket device = devices.get(d.deviceId());
            if (device != null) {
                device.send(d.message());
            }
        } else if (message instanceof GatewayMessage.DeviceClose c) {
            if (c.deviceId() == null || !devices.closeForServer(c.deviceId(), c.reason() == null ? "" : c.reason())) {
                LOG.debug("the server closed device {}, which is not connected here",
                        RepeatedWarning.peerText(c.deviceId()));
            }
        } else if (message instanceof GatewayMessage.TunnelRegister r) {
            register(r);
        } else if (message instanceof GatewayMessage.TunnelCancel c) {
            tokens.revokeSession(c.sessionId());
            relay.cancel(c.sessionId(), c.reason());
        } else {
            LOG.warn("the server sent an unexpected {}, ignored", message.getClass().getSimpleName());
        }
    }

    /**
     * Opens the tunnel's relay session and grants its tokens. A registration of a session that is live is refused
     * and its tokens are not granted: they would let whoever holds them into that session.
     */
    private void register(GatewayMessage.TunnelRegister r) {
        try {
            relay.open(r.sessionId());
        } catch (SessionAlreadyOpen taken) {
            LOG.warn("the server registered tunnel {} again while it is open; the live session goes on and the new "
                    + "registration's tokens are refused", RepeatedWarning.peerText(taken.sessionId()));
            return;
        }
        Duration ttl = Duration.ofSeconds(r.ttlSeconds());
        tokens.grant(r.consoleToken(), r.sessionId(), TunnelSide.CONSOLE, ttl);
        tokens.grant(r.deviceToken(), r.sessionId(), TunnelSide.DEVICE, ttl);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (link.detach(session)) {
            LOG.warn("UMS server disconnected ({} {})", statusCode, reason);
        }
    }
}
