package dev.ums.server.internal.webapp;

import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.link.ShadowEnds;

/**
 * Ends the logins idle past {@link WebSessions#IDLE} as a logout does: with every shadow session opened in them,
 * wherever its tunnels meet ({@link ShadowEnds}, every node of a cluster). A page left open keeps its login alive,
 * so only an abandoned login's sessions end here. In a cluster it also ends the sessions opened through this node
 * whose login ended on another node, in case that node's message to end them here was lost. Runs on the
 * housekeeping thread.
 */
public record IdleLogins(WebSessions sessions, ShadowEnds ends) {
    /** The end's sentence in the shadow log. */
    public static final String REASON = "the web app's login expired after " + WebSessions.IDLE.toMinutes()
            + " minutes without use";

    /** The end's sentence of a session whose login ended on another node. */
    public static final String ENDED_ELSEWHERE = "the web app's login that opened the session has ended";

    public void expire() {
        sessions.expireIdle().forEach(id -> ends.end(id, REASON));
        sessions.unlistedHere().forEach(id -> ends.end(id, ENDED_ELSEWHERE));
    }
}
