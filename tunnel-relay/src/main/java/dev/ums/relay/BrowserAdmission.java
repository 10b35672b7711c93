package dev.ums.relay;

import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;

/**
 * Decides from an upgrade's headers whether a browser may open the console side of a session's tunnel: the
 * page must come from the server's own origin and carry a live login that opened this session. The server
 * supplies it; the gateway has no browsers and admits none. Called on Jetty's request threads.
 */
@FunctionalInterface
public interface BrowserAdmission {
    /** Refuses every browser (the gateway's choice). */
    BrowserAdmission NONE = (request, sessionId) -> new Refusal(403, "browsers cannot open tunnels here");

    /** Why the browser is refused (an HTTP status and a sentence for it and the log). */
    record Refusal(int status, String sentence) {
    }

    /** Null when the browser may open {@code sessionId}'s console side, else why not. */
    Refusal refusal(ServerUpgradeRequest request, String sessionId);
}
