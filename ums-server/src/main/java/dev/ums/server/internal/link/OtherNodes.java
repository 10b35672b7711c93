package dev.ums.server.internal.link;

import dev.ums.protocol.up.UpMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The devices held by the other nodes of a cluster, as {@link DeviceConnections} sees them; {@link #NONE} for a
 * single server. Called on devices' socket threads and request threads; implementations are thread-safe.
 */
public interface OtherNodes {
    /** A single server: no other nodes. */
    OtherNodes NONE = new OtherNodes() {
        @Override
        public void arrived(DeviceLink link) {
        }

        @Override
        public void left(long deviceId) {
        }

        @Override
        public boolean isOnline(long deviceId) {
            return false;
        }

        @Override
        public Optional<DeviceLink> reach(long deviceId) {
            return Optional.empty();
        }

        @Override
        public boolean forward(long deviceId, UpMessage message) {
            return false;
        }

        @Override
        public Optional<CompletableFuture<BrokeredSession>> brokerElsewhere(long deviceId, String admin,
                                                                            String client, boolean viewOnly,
                                                                            boolean bridged) {
            return Optional.empty();
        }
    };

    /** This node now holds the device's link. */
    void arrived(DeviceLink link);

    /** This node no longer holds the device. */
    void left(long deviceId);

    /** Whether another node holds the device. */
    boolean isOnline(long deviceId);

    /** A link to the device through the node that holds it, when another node does. */
    Optional<DeviceLink> reach(long deviceId);

    /**
     * Passes a device's message about a session another node asked for to that node; answers false when the
     * session is not another node's.
     */
    boolean forward(long deviceId, UpMessage message);

    /**
     * A shadow request for a device another node holds through a Cloud Gateway, brokered by that node (whose
     * gateway link registers the tunnels); empty when no other node holds the device that way. {@code bridged} says
     * that this node will carry the session in its own relay (it bridges the gateway's tunnel), so that the other
     * node decides as a single server would and answers whether this node must record the session.
     */
    Optional<CompletableFuture<BrokeredSession>> brokerElsewhere(long deviceId, String admin, String client,
                                                                 boolean viewOnly, boolean bridged);
}
