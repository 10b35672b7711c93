package dev.ums.server.internal.up;

import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.up.UpMessage;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Session;
import dev.ums.server.internal.log.RepeatedWarning;
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
        session.setIdleTimeout(Duration.ofSeconds(3L * UpDispatcher.HEARTBEAT_SECONDS));
        link = linkFactory.apply(session);
    }

    @Override
    public void onWebSocketText(String text) {
        UpMessage message;
        try {
            message = UpMessage.parse(text);
        } catch (MalformedMessageException e) {
            MALFORMED.warn("device {} from {} sent a malformed message, ignored: {}", deviceId, remoteIp, e.getMessage());
            return;
        }
        dispatcher.dispatch(link, greeted, message);
        greeted |= message instanceof UpMessage.Hello;
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
