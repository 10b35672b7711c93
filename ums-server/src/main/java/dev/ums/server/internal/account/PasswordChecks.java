package dev.ums.server.internal.account;

import dev.ums.protocol.thread.DaemonThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs password checks (slow hashes) on a bounded pool: as many threads as cores, a short queue, and a
 * plain "busy" beyond it, so a flood of logins cannot take every core or pile up work. Request threads
 * call {@link #check} and wait for their turn.
 */
public final class PasswordChecks implements AutoCloseable {
    /** Decides whether a password is right; runs on the pool. */
    @FunctionalInterface
    public interface Verifier {
        boolean verify(String user, char[] password);
    }

    /** What a check found. */
    public enum Result { RIGHT, WRONG, BUSY }

    private final Verifier verifier;
    private final ThreadPoolExecutor pool;

    public PasswordChecks(Verifier verifier) {
        this(verifier, Math.max(1, Runtime.getRuntime().availableProcessors()), 64);
    }

    PasswordChecks(Verifier verifier, int threads, int queue) {
        this.verifier = verifier;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                DaemonThreads.numbered("ums-password-check"));
        pool.allowCoreThreadTimeOut(true);
    }

    public Result check(String user, char[] password) {
        Future<Boolean> answer;
        try {
            answer = pool.submit(() -> verifier.verify(user, password));
        } catch (RejectedExecutionException e) {
            return Result.BUSY;
        }
        try {
            return answer.get() ? Result.RIGHT : Result.WRONG;
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return Result.BUSY;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the password check failed", e.getCause());
        }
    }

    /** Checks waiting for a thread. */
    int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
