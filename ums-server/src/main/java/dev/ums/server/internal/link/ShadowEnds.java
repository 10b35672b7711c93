package dev.ums.server.internal.link;

/**
 * Ends shadow sessions by id wherever their tunnels meet: this server's relay, and in a cluster every node's (a
 * logout on one node ends the sessions its login opened through another). Any thread.
 */
@FunctionalInterface
public interface ShadowEnds {
    /** Ends the session if it is still open anywhere; unknown ids are ignored. */
    void end(String sessionId, String reason);

    /**
     * Ends a session prepared for {@code deviceId} where the device's link is held, which may be another node's (a
     * gateway's tunnel, prepared through the gateway's link), as well as wherever {@link #end} reaches.
     */
    default void endAt(long deviceId, String sessionId, String reason) {
        end(sessionId, reason);
    }
}
