package dev.ums.server.internal.account;

/**
 * An administrator's login: throttled ({@link LoginThrottle}), the password checked on the bounded pool
 * ({@link PasswordChecks}), a session opened when right. Request threads call it.
 */
public record Logins(LoginThrottle throttle, PasswordChecks checks, WebSessions sessions) {
    /** How a login attempt ended. */
    public sealed interface Outcome {
    }

    /** Logged in; {@code sessionId} is the new session's cookie value. */
    public record LoggedIn(String sessionId) implements Outcome {
    }

    /** Wrong user name or password (the two are not told apart). */
    public record Wrong() implements Outcome {
    }

    /** Too many failed attempts: try again in {@code seconds}. */
    public record Throttled(long seconds) implements Outcome {
    }

    /** Every password checker is busy and the queue is full: try again shortly. */
    public record Busy() implements Outcome {
    }

    public Outcome attempt(String user, char[] password, String address) {
        LoginThrottle.Admission admission = throttle.admit(user, address);
        if (!admission.admitted()) {
            return new Throttled(admission.secondsToWait());
        }
        return switch (checks.check(user, password)) {
            case RIGHT -> {
                throttle.succeeded(admission.ticket());
                yield new LoggedIn(sessions.open(user));
            }
            case WRONG -> new Wrong();
            case BUSY -> {
                throttle.cancelled(admission.ticket());
                yield new Busy();
            }
        };
    }
}
