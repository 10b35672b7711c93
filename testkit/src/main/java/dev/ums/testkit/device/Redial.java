package dev.ums.testkit.device;

import dev.ums.protocol.link.Backoff;
import dev.ums.protocol.link.DialLimit;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * How a simulated device dials again, as the device agent does: the delays between dials (1 s doubling up to 5 s,
 * ±25 %; the first after a lost link spread over 0.75–3.75 s), the optional limit a dial may take (growing while
 * dials run out of time), and which of the agent's two measures after a lost link the device takes. Thread-safe:
 * its state is guarded by itself, as the HTTP client's threads and the scheduler both report to it.
 */
final class Redial {
    private final Backoff backoff;
    /** Null: a dial ends only at the HTTP client's own limits. */
    private DialLimit dialLimit;
    private boolean spreadAfterLoss = true;
    private boolean longerDialAfterLoss = true;

    Redial(DoubleSupplier random) {
        this.backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), random);
    }

    /** Dials are given up after {@code first}, doubled for each in a row that ran out of time, up to {@code max}. */
    synchronized void limit(Duration first, Duration max) {
        this.dialLimit = new DialLimit(first, max);
    }

    /** Which measures after a lost link apply: the wider first delay, the longer first dial (both by default). */
    synchronized void afterLoss(boolean spreadFirstDelay, boolean longerFirstDial) {
        this.spreadAfterLoss = spreadFirstDelay;
        this.longerDialAfterLoss = longerFirstDial;
    }

    /** How long the next dial may take; null without a limit. */
    synchronized Duration dialLimit() {
        return dialLimit == null ? null : dialLimit.current();
    }

    /** A limited dial ended: opened ({@code failure} null), ran out of time, or failed otherwise. */
    synchronized void dialEnded(Throwable failure) {
        if (dialLimit == null) {
            return;
        }
        if (failure == null) {
            dialLimit.reset();
        } else if (failure instanceof TimeoutException) {
            dialLimit.timedOut();
        }
    }

    /** The server welcomed the device: the next delay is the first one again. */
    synchronized void welcomed() {
        backoff.reset();
    }

    /** A link that was online ended: the agent's delays and dial limit after a lost connection. */
    synchronized void lost() {
        if (spreadAfterLoss) {
            backoff.lost();
        } else {
            backoff.reset();
        }
        if (dialLimit != null) {
            if (longerDialAfterLoss) {
                dialLimit.lost();
            } else {
                dialLimit.reset();
            }
        }
    }

    /** The delay before the next dial. */
    synchronized Duration nextDelay() {
        return backoff.next();
    }
}
