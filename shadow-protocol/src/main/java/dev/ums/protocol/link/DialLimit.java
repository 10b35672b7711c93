package dev.ums.protocol.link;

import java.time.Duration;

/**
 * The limit for one dial (TCP, TLS, upgrade): {@code first} for a dial after a connection that opened, doubled for
 * each dial in a row that ran out of time, up to {@code max}. The first dial on a dead path ends soon, while a device
 * whose peer is only slow (a node answering a storm of handshakes) stops giving up handshakes the peer already paid
 * for. After a connection that was open is lost ({@link #lost}) the first dial has twice {@code first} (up to
 * {@code max}): its peer died, and the node that takes it back is taking back every device of the dead one at the
 * same moment. Not thread-safe; owned by one link's dialing thread.
 */
public final class DialLimit {
    private final Duration first;
    private final Duration max;
    private Duration current;

    public DialLimit(Duration first, Duration max) {
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("the longest dial limit " + max + " is below the first " + first);
        }
        this.first = first;
        this.max = max;
        this.current = first;
    }

    /** The limit for the next dial. */
    public Duration current() {
        return current;
    }

    /** A dial ran out of time: the next one may take twice as long, up to the maximum. */
    public void timedOut() {
        current = twiceUpToMax(current);
    }

    /** A connection opened: the next dial has the first limit again. */
    public void reset() {
        current = first;
    }

    /** A connection that was open ended: the next dial has twice the first limit, up to the maximum. */
    public void lost() {
        current = twiceUpToMax(first);
    }

    private Duration twiceUpToMax(Duration limit) {
        Duration doubled = limit.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
