package dev.ums.viewer;

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
}
