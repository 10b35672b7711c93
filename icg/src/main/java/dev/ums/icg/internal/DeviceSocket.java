package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.up.UpMessage;
import dev.ums.relay.OutgoingLimit;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's Unified Protocol socket at the gateway (authenticated by the server at the upgrade). The
 * gateway answers heartbeats itself and forwards everything else to the server unchanged; it keeps the
 * device's hello so that it can announce the device again when the server link comes back. Each hello goes
 * with the credential the upgrade presented, which the server checks again. The device's next frame is read only
 * once the last one forwarded was written to the server, so a device that sends faster than the server reads holds
 * one message in the gateway, not a queue; meanwhile the gateway beats to the device itself ({@link #beatIfHeldBack}),
 * as the device's own heartbeats wait unread behind that message. A message that would be over the link's limit once
 * wrapped for the server closes this socket: the server leaves a link that sends one, and every device of the gateway
 * with it. The server may have the socket closed ({@link #closeForServer}). Jetty calls it one event at a time; the
 * demand after a forward comes on the thread that wrote to the server; the beats come on the gateway's housekeeping
 * thread, the server's closes on its link's thread.
 */
public final class DeviceSocket implements Session.Listener {
    static final int HELLOS_PER_MINUTE = 12;
    /** The sentence a device gets for a message the gateway cannot forward. */
    static final String TOO_LARGE = "the message is too large to forward to the server";
    /** The characters of the server's close reason a log line quotes: a close frame carries at most 123 bytes of it. */
    private static final int CLOSE_REASON_CHARS = 123;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSocket.class);

    private final String deviceId;
    private final String remoteIp;
    private final String credential;
    private final DeviceSockets sockets;
    private final ServerLink server;
    /** The gateway's limited lines about refused device messages: a device may reconnect and do it again. */
    private final RepeatedWarning refusals;
    private volatile Session session;
    private volatile OutgoingLimit outgoing;
    private volatile String hello;
    /** While true the device's last message waits to be written to the server and its next one is not read. */
    private volatile boolean heldBack;
    /** Touched only by Jetty's one-event-at-a-time calls for this socket. */
    private long helloWindowStart = System.nanoTime();
    private int hellosInWindow;
    /** Once set (by the gateway, or by the server through {@link #closeForServer}), what the device sends is dropped. */
    private volatile boolean refused;

    DeviceSocket(String deviceId, String remoteIp, String credential, DeviceSockets sockets, ServerLink server,
                 RepeatedWarning refusals) {
        this.deviceId = deviceId;
        this.remoteIp = remoteIp;
        this.credential = credential;
        this.sockets = sockets;
        this.server = server;
        this.refusals = refusals;
    }

    /** The limited warning for what the devices of one gateway are refused, logged as this class's. */
    static RepeatedWarning refusalWarning(Clock clock) {
        return RepeatedWarning.perMinute(LOG, clock, "refused device messages");
    }

    String deviceId() {
        return deviceId;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        outgoing = new OutgoingLimit(s);
        s.setIdleTimeout(sockets.idleLimit());
        sockets.register(this);
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        if (refused) {
            session.demand();
            return;
        }
        UpMessage message;
        try {
            message = UpMessage.parse(text);
        } catch (MalformedMessageException e) {
            refusals.warn("device {} from {} sent a malformed message, closing its connection: {}", deviceId, remoteIp,
                    e.getMessage());
            refuse(StatusCode.BAD_PAYLOAD, "the message is not a valid Unified Protocol message");
            return;
        }
        if (message instanceof UpMessage.Heartbeat) {
            send(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson());
            session.demand();
            return;
        }
        if (message instanceof UpMessage.Hello && !helloAllowed()) {
            refusals.warn("device {} from {} sent too many hellos, closing its connection", deviceId, remoteIp);
            refuse(StatusCode.POLICY_VIOLATION, "too many hello messages; connect again in a minute");
            return;
        }
        String vouch = message instanceof UpMessage.Hello ? credential : null;
        String forward = new GatewayMessage.DeviceUp(deviceId, remoteIp, text, vouch).toJson();
        if (forward.length() > WireJson.MAX_MESSAGE_CHARS) {
            refusals.warn("device {} from {} sent a {} of {} characters, {} once wrapped for the server (the link's "
                    + "limit is {}), closing its connection", deviceId, remoteIp, message.getClass().getSimpleName(),
                    text.length(), forward.length(), WireJson.MAX_MESSAGE_CHARS);
            refuse(StatusCode.MESSAGE_TOO_LARGE, TOO_LARGE);
            return;
        }
        if (message instanceof UpMessage.Hello) {
            hello = text;
        }
        heldBack = true;
        if (!server.sendForDevice(forward, Callback.from(this::readNext, failure -> readNext()))) {
            LOG.debug("device {}: {} dropped, no server connected", deviceId, message.getClass().getSimpleName());
            readNext();
        }
    }

    /** The last message left the gateway (written to the server, failed, or dropped): the next may be read. */
    private void readNext() {
        heldBack = false;
        session.demand();
    }

    /**
     * Sends the device a heartbeat while its next message is held back for the server: its own heartbeats wait
     * behind that message unread, and without a frame either way its socket would reach the idle limit, and the
     * device its silence limit, although both ends are alive.
     */
    void beatIfHeldBack() {
        if (heldBack) {
            send(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson());
        }
    }

    /** The Unified Protocol has text frames only: a binary frame closes the socket with a sentence saying so. */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        if (!refused) {
            refusals.warn("device {} from {} sent a binary frame, closing its connection", deviceId, remoteIp);
            refuse(StatusCode.BAD_DATA, "the Unified Protocol has text frames only");
        } else {
            session.demand();
        }
    }

    /** Control frames use up demand too. */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        session.demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        session.demand();
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

    /** Closes the socket; what the device still sends before its close frame is read and dropped. */
    private void refuse(int status, String sentence) {
        refused = true;
        session.close(status, sentence, Callback.NOOP);
        session.demand();
    }

    /** Tells the server about this device again (after the server link came back). */
    void announce() {
        String h = hello;
        if (h != null) {
            server.sendForDevice(new GatewayMessage.DeviceUp(deviceId, remoteIp, h, credential));
        }
    }

    void send(String text) {
        OutgoingLimit o = outgoing;
        if (o != null) {
            o.sendText(text);
        }
    }

    /**
     * Closes the socket as the server asked (it refused the device's message or replaced its credential), with a normal
     * closure and the server's sentence, as the server closes a device's own socket; what the device still sends is
     * dropped. The caller has forgotten the socket already, so its close tells the server nothing. The device's next
     * frame is read as before: Jetty reads the device's close frame once this socket asks for it.
     */
    void closeForServer(String reason) {
        refused = true;
        refusals.warn("the server closed the connection of device {} from {}: {}", deviceId, remoteIp,
                PeerText.of(reason, CLOSE_REASON_CHARS));
        close(reason);
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
            server.sendForDevice(new GatewayMessage.DeviceDown(deviceId, statusCode + " " + reason));
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("device {} socket error: {}", deviceId, cause.toString());
    }
}
