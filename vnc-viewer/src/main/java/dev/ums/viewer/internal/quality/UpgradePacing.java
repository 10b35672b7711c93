package dev.ums.viewer.internal.quality;

/**
 * Keeps the automatic quality from flapping. A link that is not saturated looks faster than it is (reads hardly
 * wait), so a better tier is a probe: if it fails (a move down within {@value #PROBE_MILLIS} ms of moving up), the
 * next move up waits twice as long as the last, from {@value #FIRST_BACKOFF_MILLIS} ms up to
 * {@value #MAX_BACKOFF_MILLIS} ms; a move down for any other reason (the link got slower) clears the wait. Moves
 * down are never held back. A pure function of its inputs and the times given; used by the reader thread only.
 */
public final class UpgradePacing {
    static final long PROBE_MILLIS = 5_000;
    static final long FIRST_BACKOFF_MILLIS = 4_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;

    private long lastUpgrade = Long.MIN_VALUE / 2;
    private long lastChange = Long.MIN_VALUE / 2;
    private long backoff;

    /** The tier to use, given the selector's {@code proposed} one (higher = lower quality), at {@code nowMillis}. */
    public int allow(int current, int proposed, long nowMillis) {
        if (proposed > current) {
            backoff = nowMillis - lastUpgrade < PROBE_MILLIS
                    ? Math.min(MAX_BACKOFF_MILLIS, Math.max(FIRST_BACKOFF_MILLIS, backoff * 2)) : 0;
            lastChange = nowMillis;
            return proposed;
        }
        if (proposed < current) {
            if (nowMillis - lastChange < backoff) {
                return current;
            }
            lastUpgrade = nowMillis;
            lastChange = nowMillis;
            return proposed;
        }
        return current;
    }

    long backoffMillis() {
        return backoff;
    }
}
