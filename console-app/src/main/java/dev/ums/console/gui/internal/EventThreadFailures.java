package dev.ums.console.gui.internal;

import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.Window;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an exception nothing caught: it is logged with its stack trace (to the console's log file), and when
 * it ended an action on the event thread the user is told in one sentence, in a dialog, that the action may not
 * have finished. Never printed to stderr and lost. One dialog at a time: failures while it is shown are only
 * logged. {@link #install()} may be called from any thread; the handler runs on the failing thread.
 */
public final class EventThreadFailures implements Thread.UncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EventThreadFailures.class);
    private static final EventThreadFailures INSTANCE = new EventThreadFailures();

    private final AtomicBoolean showing = new AtomicBoolean();

    private EventThreadFailures() {
    }

    /** Makes this the process's handler of uncaught exceptions (the event thread falls back to it). */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(INSTANCE);
    }

    /** The sentence the dialog shows for {@code failure}. */
    public static String sentence(Throwable failure) {
        String what = failure.getClass().getSimpleName()
                + (failure.getMessage() == null || failure.getMessage().isBlank() ? "" : ": " + failure.getMessage().strip());
        if (what.length() > 160) {
            what = what.substring(0, 157) + "…";
        }
        return "The console hit an unexpected error (" + what + "), so the last action may not have finished; "
                + "the details are in the console's log file (ums-DATE.N.log).";
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        boolean eventThread = SwingUtilities.isEventDispatchThread();
        LOG.error("uncaught exception on thread {}", thread.getName(), failure);
        if (eventThread && showing.compareAndSet(false, true)) {
            // Later, so the event that failed has ended before a modal dialog starts pumping events again.
            Edt.later(() -> {
                try {
                    JOptionPane pane = new JOptionPane(Html.wrapped(sentence(failure), 420), JOptionPane.ERROR_MESSAGE);
                    pane.setName("unexpectedErrorPane");
                    javax.swing.JDialog dialog = pane.createDialog(activeWindow(), "Unexpected error");
                    dialog.setName("unexpectedError");
                    dialog.setVisible(true);
                    dialog.dispose();
                } finally {
                    showing.set(false);
                }
            });
        }
    }

    private static Component activeWindow() {
        Window w = KeyboardFocusManager.getCurrentKeyboardFocusManager().getActiveWindow();
        return w != null && w.isShowing() ? w : null;
    }
}
