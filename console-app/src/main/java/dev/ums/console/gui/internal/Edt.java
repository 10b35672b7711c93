package dev.ums.console.gui.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;

/** The one way the console reaches the Swing event thread, from any thread. */
public final class Edt {
    /** Runs tasks on the event thread, later; for {@code CompletableFuture.*Async(…, Edt.EXECUTOR)}. */
    public static final Executor EXECUTOR = Edt::later;

    private Edt() {
    }

    /** Runs {@code task} on the event thread: now if this is it, otherwise soon. */
    public static void run(Runnable task) {
        if (SwingUtilities.isEventDispatchThread()) {
            task.run();
        } else {
            SwingUtilities.invokeLater(task);
        }
    }

    /** Queues {@code task} behind the events already waiting, even when called on the event thread. */
    public static void later(Runnable task) {
        SwingUtilities.invokeLater(task);
    }

    /** Runs {@code task} on the event thread and waits for its result (start-up and tests; workers use {@link #run}). */
    public static <T> T call(Supplier<T> task) {
        if (SwingUtilities.isEventDispatchThread()) {
            return task.get();
        }
        Object[] result = new Object[1];
        try {
            SwingUtilities.invokeAndWait(() -> result[0] = task.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event thread", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
