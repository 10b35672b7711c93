package dev.ums.viewer;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the session thread has for the event thread and the event thread has not taken yet (the server's clipboard
 * text, its cursor shape); only the newest is kept. The session thread puts, the event thread takes. Putting reports
 * whether a hand-over must be scheduled, so any number of values arriving while the event thread is busy (texts of up
 * to 16 MiB, shapes at 17 bytes each, 65,535 in an update) cost one task and hold one value, as {@link DirtyRegion}
 * does for repaints.
 */
final class PendingNewest<T> {
    private final AtomicReference<T> pending = new AtomicReference<>();

    /** Keeps {@code value} in place of any value still pending; true if none was, so a hand-over must be scheduled. */
    boolean put(T value) {
        return pending.getAndSet(value) == null;
    }

    /** The newest value, or null if it was already taken. */
    T take() {
        return pending.getAndSet(null);
    }
}
