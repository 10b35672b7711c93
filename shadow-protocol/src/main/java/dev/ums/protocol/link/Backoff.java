package dev.ums.protocol.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: {@code first} doubling up to {@code max}, each spread by ±25 % so that many links that lost
 * their peer at the same moment do not return in lockstep. Not thread-safe; owned by a link's own thread.
 */
public final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private long nextMillis;

    public Backoff(Duration first, Duration max, DoubleSupplier random) {
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
        this.nextMillis = firstMillis;
    }

    /** The delay before the next attempt; each call doubles the one after, up to the maximum. */
    public Duration next() {
        long base = nextMillis;
        nextMillis = Math.min(nextMillis * 2, maxMillis);
        double spread = 0.75 + 0.5 * random.getAsDouble();
        return Duration.ofMillis(Math.round(base * spread));
    }

    /** After a connection that worked, start again from the first delay. */
    public void reset() {
        nextMillis = firstMillis;
    }
}
