package dev.ums.console.gui.internal.external;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The external viewer programs this console started and that still run. When the console quits, {@link #stopAll}
 * asks each to stop and kills those still running after the grace, so no viewer outlives the console (one that
 * ignores the polite signal would otherwise stay, its forced kill planned on a thread the exit ends). Thread-safe;
 * {@link #stopAll} blocks, so it runs on a worker.
 */
public final class ViewerProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerProcesses.class);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private ViewerProcesses() {
    }

    /** Counts {@code process} until it exits. */
    static void add(Process process) {
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
    }

    /** Stops every viewer still running: politely, then, after {@code grace}, by force; returns once all are gone. */
    public static void stopAll(Duration grace) {
        List<Process> viewers = List.copyOf(RUNNING);
        viewers.forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Process viewer : viewers) {
            if (!exits(viewer, deadline - System.nanoTime())) {
                LOG.info("external viewer (pid {}) still runs {} ms after the console asked it to stop; killing it",
                        viewer.pid(), grace.toMillis());
                viewer.destroyForcibly();
                exits(viewer, TimeUnit.SECONDS.toNanos(2));
            }
        }
    }

    private static boolean exits(Process process, long nanos) {
        try {
            process.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
