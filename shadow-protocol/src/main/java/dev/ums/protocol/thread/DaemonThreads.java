package dev.ums.protocol.thread;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the executors of the agent, the server and the gateway: daemon threads (a process ends
 * when its work is done, never held up by an idle pool) with names that say whose they are in a thread dump.
 * Any thread.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Daemon threads all called {@code name} (for an executor with one thread). */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** Daemon threads called {@code prefix-1}, {@code prefix-2}, … in the order they are made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> daemon(task, prefix + "-" + count.incrementAndGet());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
