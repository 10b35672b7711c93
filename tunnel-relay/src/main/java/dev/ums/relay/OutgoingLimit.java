package dev.ums.relay;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The text frames one WebSocket has been given but not yet written. Jetty queues them without limit, so a peer that
 * keeps sending (heartbeats, each answered) but never reads would grow the server's memory; once {@value #FRAMES}
 * are waiting the socket is closed instead. Any thread.
 */
public final class OutgoingLimit {
    /** Frames that may wait: far more than a reading peer ever leaves (a heartbeat, a session's few messages). */
    public static final int FRAMES = 64;
    /** The close reason the peer (and the log) gets. */
    public static final String REASON = "the peer does not read what it is sent";

    private final Session session;
    private final AtomicInteger waiting = new AtomicInteger();

    public OutgoingLimit(Session session) {
        this.session = session;
    }

    /** Sends behind earlier frames, or closes the socket when too many are still waiting. */
    public void sendText(String text) {
        if (waiting.incrementAndGet() > FRAMES) {
            waiting.decrementAndGet();
            session.close(StatusCode.POLICY_VIOLATION, REASON, Callback.NOOP);
            return;
        }
        session.sendText(text, Callback.from(waiting::decrementAndGet, failure -> waiting.decrementAndGet()));
    }

    /** Frames given and not yet written (or failed). */
    public int waiting() {
        return waiting.get();
    }
}
