package dev.ums.protocol.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: {@code first} doubling up to {@code max}, each spread by ±25 % so that many links that lost
 * their peer at the same moment do not return in lockstep. The first delay after a connection that worked was lost
 * ({@link #lost}) is spread wider, over 0.75 to 3.75 times {@code first}: when a server node dies, all its devices
 * lose it at once, and the node taking them back shares its processor among every handshake in progress, so a
 * fleet arriving at once finishes late together and gives its dials up, where one arriving over a few seconds is
 * served as it comes. Not thread-safe; owned by a link's own thread.
 */
public final class Backoff {
    /** The first delay after a lost connection is up to this many times {@code first} longer than the usual one. */
    static final double RETURN_SPREAD = 3.0;
    private final long firstMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private long nextMillis;
    /** Whether the next delay is the first after a lost connection. */
    private boolean returning;

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
        double spread = 0.75 + (returning ? RETURN_SPREAD : 0.5) * random.getAsDouble();
        returning = false;
        return Duration.ofMillis(Math.round(base * spread));
    }

    /** After a connection that worked, start again from the first delay. */
    public void reset() {
        nextMillis = firstMillis;
        returning = false;
    }

    /** A connection that worked was lost: start again from the first delay, spread over a wider window. */
    public void lost() {
        nextMillis = firstMillis;
        returning = true;
    }
}
