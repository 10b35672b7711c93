package dev.ums.viewer.bench;

/**
 * When the WAN benchmark reads the screens after pausing the workload: once neither viewer's link has delivered
 * anything for {@code quietNanos}, but not sooner than {@code minNanos} after the pause and not later than
 * {@code maxNanos} after it. After the pause the server still sends each viewer its lossless refresh of what went
 * as JPEG (TigerVNC's server sends it when the screen has been still, as fast as the link allows); over a 2 Mbit/s
 * link that lasts until 7.7–8 s into a typing session, and a fixed 2 s after the pause read the screens while both
 * refreshes were still arriving: which viewer then looked better depended on which one's screen was read later in
 * its own session, not on the pictures the viewers end with. A pure function of its arguments; any thread.
 *
 * @param minNanos   the least time after the pause
 * @param quietNanos how long both links must have been idle
 * @param maxNanos   the most time after the pause, for a link that never goes quiet
 */
record Settling(long minNanos, long quietNanos, long maxNanos) {
    /**
     * Nanoseconds still to wait at {@code now}; 0 to read the screens now.
     *
     * @param pausedAt      when the workload was paused ({@link System#nanoTime()})
     * @param lastDelivered when each link last delivered data to its viewer
     */
    long remaining(long pausedAt, long now, long... lastDelivered) {
        long sincePause = now - pausedAt;
        if (sincePause >= maxNanos) {
            return 0;
        }
        long wait = minNanos - sincePause;
        for (long last : lastDelivered) {
            wait = Math.max(wait, quietNanos - (now - last));
        }
        return Math.max(0, Math.min(wait, maxNanos - sincePause));
    }
}
