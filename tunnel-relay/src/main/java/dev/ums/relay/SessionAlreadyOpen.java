package dev.ums.relay;

/**
 * A relay session was to be opened under the id of one that is still live. The live one goes on untouched: the
 * second opening is refused rather than replacing it, since whoever holds the second registration's tokens would
 * otherwise step into a session that is not theirs, and the first session's sockets and its end would be lost.
 */
public final class SessionAlreadyOpen extends IllegalStateException {
    private final String sessionId;

    public SessionAlreadyOpen(String sessionId) {
        super("a relay session with this id is already open");
        this.sessionId = sessionId;
    }

    /** The id that is taken, as the caller gave it (a peer's text: make it fit before logging it). */
    public String sessionId() {
        return sessionId;
    }
}
