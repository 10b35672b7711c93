package dev.ums.server.internal.rest;

import dev.ums.server.internal.account.Logins;
import dev.ums.server.internal.audit.AdminActions;

/**
 * One login from HTTP Basic credentials, as the REST API and the web app both take it: the throttle's and the
 * password pool's refusals become their statuses and sentences (with {@code Retry-After}); each outcome is written to
 * the server log ({@link AdminActions}). Request threads.
 */
public final class LoginAttempt {
    private LoginAttempt() {
    }

    /**
     * The new session's id, or an {@link ApiException} saying why there is none; {@code client} names who logs in
     * ("web app", "REST API") in the log line.
     */
    public static String sessionId(Logins logins, Exchange ex, String missingCredentials, AdminActions actions,
                                   String client) {
        String[] credentials = ex.basicCredentials().orElseThrow(() -> new ApiException(401, missingCredentials));
        Logins.Outcome outcome = logins.attempt(credentials[0], credentials[1].toCharArray(), ex.remoteAddress());
        if (outcome instanceof Logins.LoggedIn in) {
            actions.loggedIn(credentials[0], ex.remoteAddress(), client);
            return in.sessionId();
        }
        ApiException refusal;
        if (outcome instanceof Logins.Throttled t) {
            ex.setHeader("Retry-After", String.valueOf(t.seconds()));
            refusal = new ApiException(429, "too many failed logins; try again in " + t.seconds() + " seconds");
        } else if (outcome instanceof Logins.Busy) {
            ex.setHeader("Retry-After", "1");
            refusal = new ApiException(503, "the server is busy checking other logins; try again in a moment");
        } else {
            refusal = new ApiException(401, "wrong user name or password");
        }
        actions.loginRefused(credentials[0], ex.remoteAddress(), client, refusal.getMessage());
        throw refusal;
    }

    /** The user name of the Basic credentials (present once {@link #sessionId} succeeded). */
    public static String user(Exchange ex) {
        return ex.basicCredentials().map(c -> c[0]).orElseThrow();
    }
}
