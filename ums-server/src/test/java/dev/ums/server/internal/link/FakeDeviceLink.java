package dev.ums.server.internal.link;

import dev.ums.protocol.up.UpMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A device's link as a node holds it, for tests that play the device: it keeps what the server sends the device and
 * the reasons it was closed with; its tunnels meet where the test says. Any thread.
 */
public final class FakeDeviceLink implements DeviceLink {
    /** What the server sent the device, in order. */
    public final List<UpMessage> sent = new CopyOnWriteArrayList<>();
    /** The reasons the server closed the link with, in order. */
    public final List<String> closed = new CopyOnWriteArrayList<>();
    private final long deviceId;
    private final String route;
    private final TunnelHost tunnels;

    public FakeDeviceLink(long deviceId, String route, TunnelHost tunnels) {
        this.deviceId = deviceId;
        this.route = route;
        this.tunnels = tunnels;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    @Override
    public String route() {
        return route;
    }

    @Override
    public String remoteIp() {
        return "192.0.2.10";
    }

    @Override
    public void send(UpMessage message) {
        sent.add(message);
    }

    @Override
    public void close(String reason) {
        closed.add(reason);
    }

    @Override
    public TunnelHost tunnels() {
        return tunnels;
    }
}
