package dev.ums.server.internal.rest;

import dev.ums.server.internal.account.Logins;

/**
 * One login from HTTP Basic credentials, as the REST API and the web app both take it: the throttle's and the
 * password pool's refusals become their statuses and sentences (with {@code Retry-After}). Request threads.
 */
public final class LoginAttempt {
    private LoginAttempt() {
    }

    /** The new session's id, or an {@link ApiException} saying why there is none. */
    public static String sessionId(Logins logins, Exchange ex, String missingCredentials) {
        String[] credentials = ex.basicCredentials().orElseThrow(() -> new ApiException(401, missingCredentials));
        Logins.Outcome outcome = logins.attempt(credentials[0], credentials[1].toCharArray(), ex.remoteAddress());
        if (outcome instanceof Logins.Throttled t) {
            ex.setHeader("Retry-After", String.valueOf(t.seconds()));
            throw new ApiException(429, "too many failed logins; try again in " + t.seconds() + " seconds");
        }
        if (outcome instanceof Logins.Busy) {
            ex.setHeader("Retry-After", "1");
            throw new ApiException(503, "the server is busy checking other logins; try again in a moment");
        }
        if (!(outcome instanceof Logins.LoggedIn in)) {
            throw new ApiException(401, "wrong user name or password");
        }
        return in.sessionId();
    }

    /** The user name of the Basic credentials (present once {@link #sessionId} succeeded). */
    public static String user(Exchange ex) {
        return ex.basicCredentials().map(c -> c[0]).orElseThrow();
    }
}
