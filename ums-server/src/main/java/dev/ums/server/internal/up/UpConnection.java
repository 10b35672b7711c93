package dev.ums.server.internal.up;

import dev.ums.protocol.up.UpMessage;
import dev.ums.relay.OutgoingLimit;
import dev.ums.server.internal.link.DeviceLink;
import dev.ums.server.internal.link.TunnelHost;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A device's own Unified Protocol socket to this server; at most {@link OutgoingLimit#FRAMES} messages wait for it. */
public final class UpConnection implements DeviceLink {
    private final long deviceId;
    private final Session session;
    private final OutgoingLimit outgoing;
    private final String remoteIp;
    private final TunnelHost tunnels;

    public UpConnection(long deviceId, Session session, String remoteIp, TunnelHost tunnels) {
        this.deviceId = deviceId;
        this.session = session;
        this.outgoing = new OutgoingLimit(session);
        this.remoteIp = remoteIp;
        this.tunnels = tunnels;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    @Override
    public String route() {
        return "direct";
    }

    @Override
    public String remoteIp() {
        return remoteIp;
    }

    @Override
    public void send(UpMessage message) {
        outgoing.sendText(message.toJson());
    }

    @Override
    public void close(String reason) {
        session.close(1000, reason, Callback.NOOP);
    }

    @Override
    public TunnelHost tunnels() {
        return tunnels;
    }
}
