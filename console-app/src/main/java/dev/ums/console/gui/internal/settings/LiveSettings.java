package dev.ums.console.gui.internal.settings;

import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.protocol.io.FileFailureSentence;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of the running console: read and changed on the event thread, saved to disk on a worker after
 * each change (in order, so the file always holds the latest state). A save that fails is logged and said once, on
 * the event thread, to whoever listens ({@link #onSaveFailure}), until a later save succeeds again: the changes
 * stay in effect until the console quits but would otherwise be lost without a word.
 */
public final class LiveSettings {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);

    private final SettingsStore store;
    private volatile ConsoleSettings current;
    private CompletableFuture<Void> saving = CompletableFuture.completedFuture(null);
    private volatile Consumer<String> saveFailure = sentence -> { };
    /** Whether the last save failed and was said; touched only by the chain of saves, one at a time. */
    private boolean failureSaid;

    public LiveSettings(SettingsStore store, ConsoleSettings initial) {
        this.store = store;
        this.current = initial;
    }

    public ConsoleSettings get() {
        return current;
    }

    public SettingsStore store() {
        return store;
    }

    /** Who is told, on the event thread, in one sentence, that the settings could not be saved. */
    public void onSaveFailure(Consumer<String> listener) {
        saveFailure = listener;
    }

    /** Applies {@code change} and saves the result; a failed save is logged and said, the change stays in effect. */
    public synchronized void change(UnaryOperator<ConsoleSettings> change) {
        ConsoleSettings next = change.apply(current);
        current = next;
        saving = saving.thenCompose(v -> Workers.<Void>submit(() -> {
            store.save(next);
            failureSaid = false;
            return null;
        })).exceptionally(e -> {
            Throwable cause = Workers.cause(e);
            LOG.warn("cannot save the settings in {}: {}", store.dir(), cause.toString());
            if (!failureSaid) {
                failureSaid = true;
                String sentence = sentence(cause);
                Consumer<String> listener = saveFailure;
                Edt.later(() -> listener.accept(sentence));
            }
            return null;
        });
    }

    private String sentence(Throwable cause) {
        String why = cause instanceof FileSystemException f ? FileFailureSentence.of("write", f)
                : UserSentence.of(cause);
        return UserSentence.of("the settings could not be saved in " + store.dir() + " (" + stripStop(why)
                + "); the changes apply until the console quits");
    }

    private static String stripStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** Waits until every change so far is on disk (tests, and before exit). */
    public void flush() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = saving;
        }
        pending.join();
    }
}
