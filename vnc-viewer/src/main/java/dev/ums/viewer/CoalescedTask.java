package dev.ums.viewer;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run on an executor never twice at once and never queued twice: requests made while it is queued or running
 * fold into one more run after the present one, so the newest request is always served and a slow run costs the
 * executor one task however often it is asked for meanwhile. {@link #request} may be called from any thread and
 * returns at once; the task runs on the executor's thread.
 */
final class CoalescedTask {
    private static final Logger LOG = LoggerFactory.getLogger(CoalescedTask.class);
    private final Executor executor;
    private final Runnable task;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    CoalescedTask(Executor executor, Runnable task) {
        this.executor = executor;
        this.task = task;
    }

    void request() {
        requested.set(true);
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Runs while requests keep coming; one made after the last check but before the flag dropped is not lost. */
    private void drain() {
        do {
            while (requested.getAndSet(false)) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("a coalesced task failed", e);
                }
            }
            scheduled.set(false);
        } while (requested.get() && scheduled.compareAndSet(false, true));
    }
}
