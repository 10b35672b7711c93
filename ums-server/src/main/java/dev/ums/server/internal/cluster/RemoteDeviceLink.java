package dev.ums.server.internal.cluster;

import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.link.DeviceLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device held by another node, reached through the database: what this node sends it travels as a
 * {@code NOTIFY} to that node, which passes it down the device's socket. The device's tunnels come to this
 * node ({@code tunnels}), so the relay runs here and no bytes pass between nodes. Any thread may call it.
 */
final class RemoteDeviceLink implements DeviceLink {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteDeviceLink.class);
    private final long deviceId;
    private final Presence.Holder holder;
    private final String ownNodeId;
    private final ClusterBus bus;
    private final TunnelHost tunnels;

    RemoteDeviceLink(long deviceId, Presence.Holder holder, String ownNodeId, ClusterBus bus, TunnelHost tunnels) {
        this.deviceId = deviceId;
        this.holder = holder;
        this.ownNodeId = ownNodeId;
        this.bus = bus;
        this.tunnels = tunnels;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    @Override
    public String route() {
        return holder.route();
    }

    @Override
    public String remoteIp() {
        return null;
    }

    @Override
    public void send(UpMessage message) {
        bus.send(holder.nodeId(), new ClusterMessage(ClusterMessage.TO_DEVICE, ownNodeId, deviceId, message.toJson()));
    }

    /** Asks the node holding the device's socket to close it with {@code reason}. */
    @Override
    public void close(String reason) {
        try {
            bus.send(holder.nodeId(), new ClusterMessage(ClusterMessage.DEVICE_CLOSE, ownNodeId, deviceId,
                    WireJson.write(new ClusterMessage.DeviceClose(reason))));
        } catch (RuntimeException e) {
            LOG.warn("could not ask node {} to close the socket of device {}: {}", holder.nodeId(), deviceId,
                    e.getMessage());
        }
    }

    @Override
    public TunnelHost tunnels() {
        return tunnels;
    }
}
