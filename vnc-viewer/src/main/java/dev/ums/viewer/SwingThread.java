package dev.ums.viewer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;

/**
 * The one way this module reaches the Swing event thread: {@link #run} from any thread, {@link #askInDialog} from a
 * session thread that waits for the user.
 */
final class SwingThread {
    private SwingThread() {
    }

    /** A modal question: built, shown, read and wiped on the event thread. */
    interface Question<T> {
        /** The dialog, built and not yet shown. */
        JDialog dialog();

        /** The answer, read once the dialog closed by the user's hand; null for none (Cancel). */
        T answer();

        /** Forgets what the user typed into the dialog. */
        void wipe();
    }

    static void run(Runnable task) {
        if (SwingUtilities.isEventDispatchThread()) {
            task.run();
        } else {
            SwingUtilities.invokeLater(task);
        }
    }

    /**
     * Shows the question's modal dialog on the event thread and waits for the answer. If the waiting thread is
     * interrupted (its session ended), the dialog is closed and wiped on the event thread, or never shown if it was
     * not yet, and an answer given meanwhile goes to {@code discard} instead of being lost with what it holds. Never
     * call it from the event thread with a question that waits for something else.
     */
    static <T> T askInDialog(Supplier<Question<T>> question, Consumer<T> discard) throws InterruptedException {
        if (SwingUtilities.isEventDispatchThread()) {
            return show(question.get());
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicReference<Question<T>> shown = new AtomicReference<>();
        CompletableFuture<T> answer = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> {
            if (abandoned.get()) {
                answer.complete(null);
                return;
            }
            try {
                Question<T> q = question.get();
                shown.set(q);
                answer.complete(show(q));
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
                throw e;
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            abandoned.set(true);
            SwingUtilities.invokeLater(() -> {
                Question<T> q = shown.get();
                if (q != null) {
                    q.dialog().dispose();
                    q.wipe();
                }
            });
            answer.thenAccept(given -> {
                if (given != null) {
                    discard.accept(given);
                }
            });
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("A dialog failed.", e.getCause());
        }
    }

    /** Shows the dialog and, once it closed, reads the answer, unless it was closed by an abandoned wait. */
    private static <T> T show(Question<T> question) {
        JDialog dialog = question.dialog();
        try {
            dialog.setVisible(true);
            return question.answer();
        } finally {
            dialog.dispose();
            question.wipe();
        }
    }
}
