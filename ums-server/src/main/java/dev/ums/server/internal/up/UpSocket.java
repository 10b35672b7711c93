package dev.ums.server.internal.up;

import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.up.UpMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's end of one device's own Unified Protocol socket (already authenticated at the upgrade).
 * Jetty calls it on its own threads, one event at a time per socket.
 */
public final class UpSocket implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(UpSocket.class);
    private static final RepeatedWarning MALFORMED = RepeatedWarning.perMinute(LOG, java.time.Clock.systemUTC(),
            "malformed device messages");

    private final long deviceId;
    private final String remoteIp;
    private final UpDispatcher dispatcher;
    private final Function<Session, UpConnection> linkFactory;
    private Session session;
    private UpConnection link;
    private boolean greeted;

    public UpSocket(long deviceId, String remoteIp, UpDispatcher dispatcher,
                    Function<Session, UpConnection> linkFactory) {
        this.deviceId = deviceId;
        this.remoteIp = remoteIp;
        this.dispatcher = dispatcher;
        this.linkFactory = linkFactory;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.setIdleTimeout(Duration.ofSeconds(3L * UpDispatcher.HEARTBEAT_SECONDS));
        link = linkFactory.apply(session);
    }

    @Override
    public void onWebSocketText(String text) {
        UpMessage message;
        try {
            message = UpMessage.parse(text);
            if (message == null) {
                throw new MalformedMessageException("a JSON null instead of a message", null);
            }
        } catch (MalformedMessageException e) {
            MALFORMED.warn("device {} from {} sent a malformed message, closing its connection: {}", deviceId,
                    remoteIp, e.getMessage());
            session.close(StatusCode.BAD_PAYLOAD, "the message is not a valid Unified Protocol message", Callback.NOOP);
            return;
        }
        dispatcher.dispatch(link, greeted, message);
        greeted |= message instanceof UpMessage.Hello;
    }

    /** The Unified Protocol has text frames only: a binary frame closes the socket with a sentence saying so. */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        MALFORMED.warn("device {} from {} sent a binary frame, closing its connection", deviceId, remoteIp);
        session.close(StatusCode.BAD_DATA, "the Unified Protocol has text frames only", Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (greeted) {
            dispatcher.down(link, statusCode + " " + reason);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("device {} socket error: {}", deviceId, cause.toString());
    }
}
