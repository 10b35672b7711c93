package dev.ums.server.internal.link;

import dev.ums.protocol.up.UpMessage;

/** A live connection to one device: its own UP socket to this server, or its socket at a gateway. */
public interface DeviceLink {
    long deviceId();

    /** {@code direct} or {@code icg}. */
    String route();

    /** The address the device connects from, as the server or the gateway saw it. */
    String remoteIp();

    void send(UpMessage message);

    void close(String reason);

    /** Where this device's shadow tunnels meet. */
    TunnelHost tunnels();
}
