package dev.ums.relay;

import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.tunnel.TunnelSide;
import java.util.Optional;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The server's end of one tunnel WebSocket (console or device side). It demands frames explicitly, so
 * Jetty reads from the network only when the relay asked for more. Called on Jetty's threads.
 */
public final class TunnelSocket implements Session.Listener {
    private final TunnelRelay relay;
    private final String sessionId;
    /** RFC 6455's code for a connection that ended without a close frame. */
    private static final int ABNORMAL_CLOSE = 1006;
    /** A close frame's reason is at most 123 bytes, so at most as many characters: none is cut. */
    private static final int CLOSE_REASON_CHARS = 123;
    private final TunnelSide side;
    private RelaySession relaySession;
    private Session session;
    private final AtomicBoolean pongWaiting = new AtomicBoolean();

    public TunnelSocket(TunnelRelay relay, String sessionId, TunnelSide side) {
        this.relay = relay;
        this.sessionId = sessionId;
        this.side = side;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        relaySession = relay.attach(sessionId, side, session);
        if (relaySession == null) {
            session.close(1008, "the shadow session is over or unknown", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        relaySession.forward(side, payload, callback, relay.now());
    }

    /**
     * Control frames use up demand too; answer the ping and ask for the next frame. One pong waits at most: a ping
     * that comes while the last pong is still unwritten (a peer that pings but does not read) gets none, as RFC 6455
     * allows, instead of a queue of pongs in the server's memory.
     */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        if (pongWaiting.compareAndSet(false, true)) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            session.sendPong(copy, Callback.from(() -> pongWaiting.set(false), failure -> pongWaiting.set(false)));
        }
        session.demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        relaySession.end("text frames are not allowed in a tunnel");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (relaySession == null) {
            return;
        }
        Optional<SessionEnd> typed = side == TunnelSide.DEVICE ? SessionEnd.ofCloseCode(statusCode) : Optional.empty();
        if (typed.isPresent()) {
            relaySession.end(typed.get());
        } else if (statusCode == ABNORMAL_CLOSE) {
            relaySession.end(wentAway());
        } else {
            // the device's words become the session's end: shown to the console, logged, written to the audit
            relaySession.end(side == TunnelSide.CONSOLE ? "the console closed the session"
                    : reason != null && !reason.isEmpty() ? PeerText.of(reason, CLOSE_REASON_CHARS)
                    : "the device closed the session");
        }
    }

    /** The connection broke without a close frame (the peer's process died, its network went). */
    @Override
    public void onWebSocketError(Throwable cause) {
        if (relaySession != null) {
            relaySession.end(wentAway());
        }
    }

    private String wentAway() {
        return side == TunnelSide.CONSOLE ? "the console's connection was lost" : "the device's agent went away";
    }
}
