package dev.ums.server.internal.link;

import dev.ums.protocol.up.UpMessage;

/**
 * A device's link as {@link DeviceConnections} hands it out: everything goes to the link itself, and a
 * {@code shadow.open} sent on it is recorded in {@link AskedSessions} first, so that only this device's answers count
 * for that session. Any thread, as the link it wraps.
 */
record AskRecordingLink(DeviceLink link, AskedSessions asked) implements DeviceLink {
    @Override
    public long deviceId() {
        return link.deviceId();
    }

    @Override
    public String route() {
        return link.route();
    }

    @Override
    public String remoteIp() {
        return link.remoteIp();
    }

    @Override
    public void send(UpMessage message) {
        if (message instanceof UpMessage.ShadowOpen open && open.sessionId() != null) {
            asked.asked(link.deviceId(), open.sessionId());
        }
        link.send(message);
    }

    @Override
    public void close(String reason) {
        link.close(reason);
    }

    @Override
    public TunnelHost tunnels() {
        return link.tunnels();
    }
}
