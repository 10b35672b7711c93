package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.up.UpMessage;
import dev.ums.relay.OutgoingLimit;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's Unified Protocol socket at the gateway (authenticated by the server at the upgrade). The
 * gateway answers heartbeats itself and forwards everything else to the server unchanged; it keeps the
 * device's hello so that it can announce the device again when the server link comes back. Each hello goes
 * with the credential the upgrade presented, which the server checks again.
 */
public final class DeviceSocket implements Session.Listener.AutoDemanding {
    static final int IDLE_SECONDS = 60;
    static final int HELLOS_PER_MINUTE = 12;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSocket.class);

    private final String deviceId;
    private final String remoteIp;
    private final String credential;
    private final DeviceSockets sockets;
    private final ServerLink server;
    private volatile Session session;
    private volatile OutgoingLimit outgoing;
    private volatile String hello;
    /** Touched only by Jetty's one-event-at-a-time calls for this socket. */
    private long helloWindowStart = System.nanoTime();
    private int hellosInWindow;

    DeviceSocket(String deviceId, String remoteIp, String credential, DeviceSockets sockets, ServerLink server) {
        this.deviceId = deviceId;
        this.remoteIp = remoteIp;
        this.credential = credential;
        this.sockets = sockets;
        this.server = server;
    }

    String deviceId() {
        return deviceId;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        outgoing = new OutgoingLimit(s);
        s.setIdleTimeout(Duration.ofSeconds(IDLE_SECONDS));
        sockets.register(this);
    }

    @Override
    public void onWebSocketText(String text) {
        UpMessage message;
        try {
            message = UpMessage.parse(text);
        } catch (MalformedMessageException e) {
            LOG.warn("device {} from {} sent a malformed message, closing its connection: {}", deviceId, remoteIp,
                    e.getMessage());
            refuse(StatusCode.BAD_PAYLOAD, "the message is not a valid Unified Protocol message");
            return;
        }
        if (message instanceof UpMessage.Heartbeat) {
            send(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson());
            return;
        }
        if (message instanceof UpMessage.Hello) {
            if (!helloAllowed()) {
                LOG.warn("device {} from {} sent too many hellos, closing its connection", deviceId, remoteIp);
                refuse(StatusCode.POLICY_VIOLATION, "too many hello messages; connect again in a minute");
                return;
            }
            hello = text;
        }
        String vouch = message instanceof UpMessage.Hello ? credential : null;
        if (!server.send(new GatewayMessage.DeviceUp(deviceId, remoteIp, text, vouch))) {
            LOG.debug("device {}: {} dropped, no server connected", deviceId, message.getClass().getSimpleName());
        }
    }

    /** Each hello is forwarded to the server, which writes it down: a socket gets a few a minute. */
    private boolean helloAllowed() {
        long now = System.nanoTime();
        if (now - helloWindowStart >= MINUTE_NANOS) {
            helloWindowStart = now;
            hellosInWindow = 0;
        }
        return ++hellosInWindow <= HELLOS_PER_MINUTE;
    }

    private void refuse(int status, String sentence) {
        Session s = session;
        if (s != null) {
            s.close(status, sentence, Callback.NOOP);
        }
    }

    /** Tells the server about this device again (after the server link came back). */
    void announce() {
        String h = hello;
        if (h != null) {
            server.send(new GatewayMessage.DeviceUp(deviceId, remoteIp, h, credential));
        }
    }

    void send(String text) {
        OutgoingLimit o = outgoing;
        if (o != null) {
            o.sendText(text);
        }
    }

    void close(String reason) {
        Session s = session;
        if (s != null) {
            s.close(1000, reason, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (sockets.unregister(this) && hello != null) {
            server.send(new GatewayMessage.DeviceDown(deviceId, statusCode + " " + reason));
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("device {} socket error: {}", deviceId, cause.toString());
    }
}
