package dev.ums.server.internal.webapp;

import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.link.ShadowEnds;

/**
 * Ends the logins idle past {@link WebSessions#IDLE} as a logout does: with every shadow session opened in them,
 * wherever its tunnels meet ({@link ShadowEnds}, every node of a cluster). A page left open keeps its login alive,
 * so only an abandoned login's sessions end here. Runs on the housekeeping thread.
 */
public record IdleLogins(WebSessions sessions, ShadowEnds ends) {
    /** The end's sentence in the shadow log. */
    public static final String REASON = "the web app's login expired after " + WebSessions.IDLE.toMinutes()
            + " minutes without use";

    public void expire() {
        sessions.expireIdle().forEach(id -> ends.end(id, REASON));
    }
}
