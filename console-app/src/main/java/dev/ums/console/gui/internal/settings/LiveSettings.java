package dev.ums.console.gui.internal.settings;

import dev.ums.console.gui.internal.Workers;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of the running console: read and changed on the event thread, saved to disk on a worker after
 * each change (in order, so the file always holds the latest state).
 */
public final class LiveSettings {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSettings.class);

    private final SettingsStore store;
    private volatile ConsoleSettings current;
    private CompletableFuture<Void> saving = CompletableFuture.completedFuture(null);

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

    /** Applies {@code change} and saves the result; a failed save is logged, the change stays in effect. */
    public synchronized void change(UnaryOperator<ConsoleSettings> change) {
        ConsoleSettings next = change.apply(current);
        current = next;
        saving = saving.thenCompose(v -> Workers.<Void>submit(() -> {
            store.save(next);
            return null;
        })).exceptionally(e -> {
            LOG.warn("cannot save the settings in {}: {}", store.dir(), Workers.cause(e).getMessage());
            return null;
        });
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
