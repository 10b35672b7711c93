package dev.ums.protocol.link;

import java.time.Duration;

/**
 * What a {@link ControlLink}'s user is told, and the few things the link asks of it. {@link #received} runs on
 * the WebSocket client's reading thread, one message at a time in arrival order, and must not block for long;
 * every other method runs on the link's own thread.
 */
public interface LinkListener {
    /** A connection is open; messages sent from here on go out on it, after any sent earlier. */
    void opened();

    /** One whole text message from the peer. */
    void received(String message);

    /** The open connection ended ({@code wasOpen}), or a dial failed. */
    void down(LinkEnd end, boolean wasOpen);

    /**
     * How long to wait before dialling again after {@code end}, given the backoff's {@code usual} delay: a listener
     * may wait longer after a refusal that no early retry changes (a credential the peer does not know).
     */
    default Duration retryDelay(LinkEnd end, Duration usual) {
        return usual;
    }

    /** The text of one heartbeat, sent at each heartbeat interval. */
    String heartbeat();

    /**
     * Null while this side may be linked; otherwise a sentence saying why not (another node holds the link).
     * Asked before each dial and at each heartbeat; while it answers a sentence the link stays down and asks
     * again after the settings' hold-off, without backing off.
     */
    default String withheld() {
        return null;
    }
}
