package dev.ums.relay;

import java.util.function.Consumer;

/** Chooses the tap of each relayed session when the relay opens it; called on the thread that opens the session. */
@FunctionalInterface
public interface RelayTaps {
    /**
     * The tap for {@code sessionId}, or {@link RelayTap#NONE}. {@code endSession} ends the session with a sentence,
     * for a tap that can no longer do its job when the session must not go on without it (a recording that stopped);
     * any thread may call it once this returned. It closes the sides without waiting for them, and the relay's
     * observer writes the session's end on the caller's thread (the server's audit: a database write), so a relay
     * thread passing a frame on should not call it.
     */
    RelayTap open(String sessionId, Consumer<String> endSession);

    /** No session is tapped. */
    RelayTaps NONE = (sessionId, endSession) -> RelayTap.NONE;
}
