package dev.ums.relay;

/** Chooses the tap of each relayed session when the relay opens it; called on the thread that opens the session. */
@FunctionalInterface
public interface RelayTaps {
    /** The tap for {@code sessionId}, or {@link RelayTap#NONE}. */
    RelayTap open(String sessionId);

    /** No session is tapped. */
    RelayTaps NONE = sessionId -> RelayTap.NONE;
}
