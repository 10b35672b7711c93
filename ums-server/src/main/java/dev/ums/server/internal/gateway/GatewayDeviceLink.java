package dev.ums.server.internal.gateway;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.link.DeviceLink;
import dev.ums.server.internal.link.TunnelHost;

/** A device connected to a gateway: its messages travel over that gateway's control link. */
final class GatewayDeviceLink implements DeviceLink {
    private final long deviceId;
    private final String remoteIp;
    private final GatewayClient gateway;

    GatewayDeviceLink(long deviceId, String remoteIp, GatewayClient gateway) {
        this.deviceId = deviceId;
        this.remoteIp = remoteIp;
        this.gateway = gateway;
    }

    @Override
    public long deviceId() {
        return deviceId;
    }

    @Override
    public String route() {
        return "icg";
    }

    @Override
    public String remoteIp() {
        return remoteIp;
    }

    @Override
    public void send(UpMessage message) {
        gateway.send(new GatewayMessage.DeviceSend(String.valueOf(deviceId), message.toJson()));
    }

    /**
     * The gateway owns the device's socket: it is asked to close it with {@code reason} and to forget the device, and
     * the server forgets this link and takes the device as offline ({@link GatewayClient#closeDevice}).
     */
    @Override
    public void close(String reason) {
        gateway.closeDevice(this, reason);
    }

    @Override
    public TunnelHost tunnels() {
        return gateway.tunnels();
    }
}
