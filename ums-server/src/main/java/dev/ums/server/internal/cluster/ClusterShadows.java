package dev.ums.server.internal.cluster;

import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.shadow.ShadowBroker;
import dev.ums.server.internal.shadow.ShadowRefusal;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.DeviceLink;
import dev.ums.server.internal.link.OtherNodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadowing across nodes. On the node a console asked (B), a device held by another node (A) is reached by a
 * {@link RemoteDeviceLink}: B prepares the tunnels in its own relay and sends {@code shadow.open} (naming B's
 * tunnel URL) to A through the database. A passes it down the device's socket and remembers that B asked; the
 * device's {@code shadow.result} and {@code shadow.closed} for that session go back to B the same way. Called
 * on devices' socket threads, request threads and the {@code ums-cluster-listen} thread; thread-safe.
 */
public final class ClusterShadows implements OtherNodes {
    /** Sessions other nodes asked this node's devices for, until the device closes them; the oldest go first. */
    static final int MAX_ASKED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterShadows.class);

    private final Presence presence;
    private final TunnelHost ownTunnels;
    private final Map<String, String> askedBy = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ASKED;
        }
    };
    private volatile ClusterBus bus;
    private volatile DeviceConnections connections;
    private volatile ShadowBroker broker;

    public ClusterShadows(Presence presence, TunnelHost ownTunnels) {
        this.presence = presence;
        this.ownTunnels = ownTunnels;
    }

    /** Completes the wiring, which is circular: the bus delivers here, the broker and connections call here. */
    public void attach(ClusterBus newBus, DeviceConnections newConnections, ShadowBroker newBroker) {
        this.bus = newBus;
        this.connections = newConnections;
        this.broker = newBroker;
    }

    @Override
    public void arrived(DeviceLink link) {
        presence.claim(link.deviceId(), link.route());
    }

    @Override
    public void left(long deviceId) {
        presence.release(deviceId);
    }

    @Override
    public boolean isOnline(long deviceId) {
        return presence.isOnline(deviceId);
    }

    @Override
    public Optional<DeviceLink> reach(long deviceId) {
        Optional<Presence.Holder> holder = presence.holder(deviceId)
                .filter(h -> !h.nodeId().equals(presence.nodeId()));
        if (holder.isPresent() && "icg".equals(holder.get().route())) {
            throw new ShadowRefusal(ShadowRefusal.Reason.OFFLINE, "the device is linked through a Cloud Gateway to another server node; "
                    + "shadowing it from this node is not supported yet");
        }
        return holder.map(h -> new RemoteDeviceLink(deviceId, h, presence.nodeId(), bus, ownTunnels));
    }

    @Override
    public boolean forward(long deviceId, UpMessage message) {
        String sessionId = message instanceof UpMessage.ShadowResult r ? r.sessionId()
                : message instanceof UpMessage.ShadowClosed c ? c.sessionId() : null;
        if (sessionId == null) {
            return false;
        }
        String node;
        synchronized (askedBy) {
            node = message instanceof UpMessage.ShadowClosed ? askedBy.remove(sessionId) : askedBy.get(sessionId);
        }
        if (node == null) {
            return false;
        }
        send(node, ClusterMessage.FROM_DEVICE, deviceId, message);
        return true;
    }

    /** A message from another node; runs on the listening thread and never blocks. */
    public void receive(ClusterMessage message) {
        UpMessage up = UpMessage.parse(message.up());
        if (ClusterMessage.TO_DEVICE.equals(message.kind())) {
            toDevice(message, up);
        } else if (ClusterMessage.FROM_DEVICE.equals(message.kind())) {
            if (up instanceof UpMessage.ShadowResult result) {
                broker.onResult(message.deviceId(), result);
            } else if (up instanceof UpMessage.ShadowClosed closed) {
                ownTunnels.cancel(closed.sessionId(), closed.reason() == null ? "the device ended the session"
                        : closed.reason());
            }
        } else {
            LOG.warn("ignored a message of unknown kind {} from node {}", message.kind(), message.from());
        }
    }

    private void toDevice(ClusterMessage message, UpMessage up) {
        Optional<DeviceLink> link = connections.get(message.deviceId());
        if (link.isEmpty()) {
            if (up instanceof UpMessage.ShadowOpen open) {
                send(message.from(), ClusterMessage.FROM_DEVICE, message.deviceId(), new UpMessage.ShadowResult(
                        open.sessionId(), ShadowOutcome.ERROR, "the device left the server node that held it"));
            }
            return;
        }
        if (up instanceof UpMessage.ShadowOpen open) {
            synchronized (askedBy) {
                askedBy.put(open.sessionId(), message.from());
            }
        }
        link.get().send(up);
    }

    private void send(String node, String kind, long deviceId, UpMessage up) {
        try {
            bus.send(node, new ClusterMessage(kind, presence.nodeId(), deviceId, up.toJson()));
        } catch (RuntimeException e) {
            LOG.warn("could not pass a device's message to node {}: {}", node, e.getMessage());
        }
    }
}
