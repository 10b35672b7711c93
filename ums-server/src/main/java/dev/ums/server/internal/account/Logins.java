package dev.ums.server.internal.account;

import dev.ums.protocol.log.RepeatedWarning;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An administrator's login: throttled ({@link LoginThrottle}), the password checked on the bounded pool
 * ({@link PasswordChecks}), a session opened when right. A throttle too busy to admit the attempt answers it busy;
 * one too busy to take a charge back leaves the charge (a right password still logs in). Request threads call it.
 */
public record Logins(LoginThrottle throttle, PasswordChecks checks, WebSessions sessions) {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    /** A login flood makes these at will: a few lines a minute. */
    private static final RepeatedWarning BUSY_COUNTS = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "logins the login counts were too busy for");

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
        LoginThrottle.Admission admission;
        try {
            admission = throttle.admit(user, address);
        } catch (ThrottleStore.Busy e) {
            BUSY_COUNTS.warn("a login was answered busy: {}", e.getMessage());
            return new Busy();
        }
        if (!admission.admitted()) {
            return new Throttled(admission.secondsToWait());
        }
        return switch (checks.check(user, password)) {
            case RIGHT -> {
                settle(() -> throttle.succeeded(admission.ticket()));
                yield new LoggedIn(sessions.open(user));
            }
            case WRONG -> new Wrong();
            case BUSY -> {
                settle(() -> throttle.cancelled(admission.ticket()));
                yield new Busy();
            }
        };
    }

    private static void settle(Runnable takeBack) {
        try {
            takeBack.run();
        } catch (ThrottleStore.Busy e) {
            BUSY_COUNTS.warn("a login's charge stays counted: {}", e.getMessage());
        }
    }
}
