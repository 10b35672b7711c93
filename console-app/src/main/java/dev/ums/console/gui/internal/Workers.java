package dev.ums.console.gui.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that do the console's blocking work (REST calls, TLS probes, files, processes), so the event
 * thread never waits; results come back to the event thread through {@link Edt#EXECUTOR}.
 */
public final class Workers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ThreadFactory FACTORY = task -> {
        Thread thread = new Thread(task, "console-worker-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    };
    /** Unbounded in threads but not in queued work: each task is one user action or one poll. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(FACTORY);

    private Workers() {
    }

    /** Runs {@code work} on a worker thread; the future completes there (chain with {@code *Async(…, Edt.EXECUTOR)}). */
    public static <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        POOL.execute(() -> {
            try {
                future.complete(work.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    /** Starts a named daemon thread for long-running work tied to one session (a proxy, a viewer process). */
    public static Thread startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The failure a future ended with, unwrapped from {@link CompletionException}. */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
