package dev.ums.server.internal.up;

import dev.ums.protocol.up.UpMessage;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A device's live Unified Protocol socket, and the address the device used to reach the server. */
public final class UpConnection {
    private final long deviceId;
    private final Session session;
    private final String reachedHost;
    private final String remoteIp;

    public UpConnection(long deviceId, Session session, String reachedHost, String remoteIp) {
        this.deviceId = deviceId;
        this.session = session;
        this.reachedHost = reachedHost;
        this.remoteIp = remoteIp;
    }

    public long deviceId() {
        return deviceId;
    }

    /** {@code host:port} from the device's upgrade request: where the device can reach this server. */
    public String reachedHost() {
        return reachedHost;
    }

    public String remoteIp() {
        return remoteIp;
    }

    public void send(UpMessage message) {
        session.sendText(message.toJson(), Callback.NOOP);
    }

    public void close(String reason) {
        session.close(1000, reason, Callback.NOOP);
    }

    public boolean isOpen() {
        return session.isOpen();
    }
}
