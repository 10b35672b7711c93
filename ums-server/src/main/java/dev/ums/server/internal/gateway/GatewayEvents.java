package dev.ums.server.internal.gateway;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.link.DeviceLink;

/** What the server does with what a gateway tells it; implemented once for all gateways. */
public interface GatewayEvents {
    GatewayMessage.EnrollResult enroll(GatewayMessage.EnrollRequest request);

    /** Whether {@code credential} is the device's (both as the gateway sent them; false for anything malformed). */
    boolean authenticate(String deviceId, String credential);

    void deviceMessage(DeviceLink link, boolean greeted, UpMessage message);

    /** A device behind the gateway is gone; {@code gatewayDown} when the whole gateway is unreachable. */
    void deviceDown(DeviceLink link, String reason, boolean gatewayDown);

    /** Both sides of a session's tunnel met at the gateway at {@code gateway} (its URL as this server is given it). */
    void tunnelPaired(String gateway, String sessionId);

    /**
     * A session's tunnel ended at the gateway at {@code gateway}; in a cluster possibly a session another node
     * registered there, since the gateway reports to whichever node links to it now.
     */
    void tunnelEnded(String gateway, GatewayMessage.TunnelEnded ended);
}
