package dev.ums.launcher;

import dev.ums.console.core.ShadowConnection;
import dev.ums.console.proxy.LocalProxy;

/**
 * How a {@code ums proxy} session ended, told from what the proxy and the connection know once serving
 * returned: by its own user (the viewer left, the proxy was stopped), which is a normal end, or by the far
 * side, which is not and carries the far side's sentence, or the lost connection when there was none.
 * Called on the command's thread only.
 */
record ProxyEnd(boolean normal, String sentence) {
    /** What {@link LocalProxy#endedBecause()} says when the viewer or this command ended the session. */
    private static final String VIEWER_LEFT = "the viewer disconnected";
    private static final String STOPPED = "the proxy was stopped";

    static ProxyEnd of(LocalProxy proxy, ShadowConnection connection) {
        String why = proxy.endedBecause();
        if (why.equals(VIEWER_LEFT) || why.equals(STOPPED)) {
            return new ProxyEnd(true, why);
        }
        String reason = connection.closeReason();
        return new ProxyEnd(false, reason != null && !reason.isBlank() ? reason : lost(connection));
    }

    /** The far side closed no tunnel in order: the network connection under it broke. */
    private static String lost(ShadowConnection connection) {
        return switch (connection.session().route()) {
            case "icg" -> "the connection to the gateway was lost";
            case "os11" -> "the connection to the device was lost";
            default -> "the connection to the server was lost";
        };
    }

    /** A session that did not end normally: the command exits with 1 and this sentence. */
    static final class AbnormalEndException extends Exception {
        AbnormalEndException(String sentence) {
            super(sentence);
        }
    }
}
