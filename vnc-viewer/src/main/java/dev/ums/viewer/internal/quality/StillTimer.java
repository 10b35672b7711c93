package dev.ums.viewer.internal.quality;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once {@link StillRefresh#STILL_MILLIS} ms after the last {@link #arm}: the reader thread, blocked on the
 * socket while the screen stands still, cannot notice the time passing itself. The task must only hand a message to
 * the session's writer queue (it runs on one daemon thread shared by every session); the server's answer wakes the
 * reader. {@link #arm} and {@link #cancel} are for the reader thread.
 */
public final class StillTimer {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private ScheduledFuture<?> pending;

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "vnc-still-timer");
            thread.setDaemon(true);
            return thread;
        });
        // re-armed after every JPEG update: cancelled tasks must not pile up in the queue
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code task} after {@link StillRefresh#STILL_MILLIS} ms, instead of any task armed before. */
    public void arm(Runnable task) {
        cancel();
        pending = TIMER.schedule(task, StillRefresh.STILL_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
