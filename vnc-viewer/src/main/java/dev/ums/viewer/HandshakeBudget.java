package dev.ums.viewer;

/**
 * The handshake's time limit as a budget that is spent only while no prompt is open: the time a user takes to type a
 * password or to decide about a certificate is not the server's. Times are {@link System#nanoTime()} values passed in,
 * so the arithmetic is testable without waiting. Not thread-safe: {@link HandshakeWatchdog} guards it.
 */
final class HandshakeBudget {
    private final long limitNanos;
    private long spentNanos;
    private long runningSince;
    private int openPrompts;

    HandshakeBudget(long limitNanos, long now) {
        this.limitNanos = limitNanos;
        this.runningSince = now;
    }

    void pause(long now) {
        if (openPrompts++ == 0) {
            spentNanos += now - runningSince;
        }
    }

    void resume(long now) {
        if (openPrompts > 0 && --openPrompts == 0) {
            runningSince = now;
        }
    }

    boolean paused() {
        return openPrompts > 0;
    }

    /** What is left of the limit at {@code now}; zero or less when it is used up. */
    long remainingNanos(long now) {
        return limitNanos - spentNanos - (paused() ? 0 : now - runningSince);
    }
}
