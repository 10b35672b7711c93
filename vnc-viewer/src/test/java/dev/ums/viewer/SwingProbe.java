package dev.ums.viewer;

import java.awt.Component;
import java.awt.Container;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;

/** What the dialog tests read from Swing: a value computed on the event thread, a component inside a window. */
final class SwingProbe {
    private SwingProbe() {
    }

    /** {@code task}'s result, computed on the event thread; call it from another thread. */
    static <T> T onEdt(Supplier<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> result.set(task.get()));
        return result.get();
    }

    /** The first component of {@code type} under {@code root}, depth first; null if none. Event thread. */
    static <T> T find(Container root, Class<T> type) {
        for (Component c : root.getComponents()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof Container inner) {
                T found = find(inner, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
