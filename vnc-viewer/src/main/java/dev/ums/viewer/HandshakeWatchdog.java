package dev.ums.viewer;

import dev.ums.viewer.internal.handshake.UserWait;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a session whose server does not finish the handshake in time, not counting the time a prompt is open (a
 * {@link HandshakeBudget}): a user who takes long over a password is not cut off by the server's limit. One shared
 * daemon thread serves all sessions; it only holds weak references to them, so a forgotten session is not kept alive.
 * {@link #began()} and {@link #ended()} are called by the session's reader thread, the checks run on the timer thread.
 */
final class HandshakeWatchdog implements UserWait {
    /** Runs the checks of all sessions in the order they fall due; tests schedule behind them. */
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vnc-handshake-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final WeakReference<VncSession> session;
    private final HandshakeBudget budget;
    private ScheduledFuture<?> check;

    private HandshakeWatchdog(VncSession session, Duration timeout) {
        this.session = new WeakReference<>(session);
        this.budget = new HandshakeBudget(timeout.toNanos(), System.nanoTime());
    }

    /** Starts watching {@code session}; the returned watchdog is told about prompts. */
    static HandshakeWatchdog watch(VncSession session, Duration timeout) {
        HandshakeWatchdog watchdog = new HandshakeWatchdog(session, timeout);
        synchronized (watchdog) {
            watchdog.scheduleCheck();
        }
        return watchdog;
    }

    @Override
    public synchronized void began() {
        budget.pause(System.nanoTime());
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public synchronized void ended() {
        budget.resume(System.nanoTime());
        if (!budget.paused()) {
            scheduleCheck();
        }
    }

    private void scheduleCheck() {
        long remaining = Math.max(0, budget.remainingNanos(System.nanoTime()));
        check = TIMER.schedule(this::checkNow, remaining, TimeUnit.NANOSECONDS);
    }

    private void checkNow() {
        synchronized (this) {
            if (budget.paused()) {
                return;
            }
            if (budget.remainingNanos(System.nanoTime()) > 0) {
                scheduleCheck();
                return;
            }
            check = null;
        }
        VncSession s = session.get();
        if (s != null) {
            s.handshakeTimedOut();
        }
    }
}
