package dev.ums.agent.internal.up;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: 1 s doubling up to 5 s, each spread by ±25 % so a fleet of devices that lost the
 * server at the same moment does not return in lockstep. The cap is low because a device must be back
 * within 10 s of its server's or gateway's return: the longest wait (6.25 s) plus a connection attempt fits.
 * Not thread-safe; owned by the connect loop.
 */
public final class Backoff {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(5);

    private final DoubleSupplier random;
    private long nextMillis = FIRST.toMillis();

    public Backoff(DoubleSupplier random) {
        this.random = random;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    public Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(nextMillis * 2, MAX.toMillis());
        double spread = 0.75 + 0.5 * random.getAsDouble();
        return Duration.ofMillis(Math.round(base * spread));
    }

    /** After a connection that worked, start again from the first delay. */
    public void reset() {
        nextMillis = FIRST.toMillis();
    }
}
