package dev.ums.viewer;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;

/** The one way this module reaches the Swing event thread. */
final class SwingThread {
    private SwingThread() {
    }

    static void run(Runnable task) {
        if (SwingUtilities.isEventDispatchThread()) {
            task.run();
        } else {
            SwingUtilities.invokeLater(task);
        }
    }

    /**
     * Runs {@code task} on the event thread and waits for its result; for a session thread waiting on a dialog. Never
     * call it from the event thread with a task that waits for something else.
     */
    static <T> T ask(Supplier<T> task) throws InterruptedException {
        if (SwingUtilities.isEventDispatchThread()) {
            return task.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> result.set(task.get()));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("A dialog failed.", e.getCause());
        }
        return result.get();
    }
}
