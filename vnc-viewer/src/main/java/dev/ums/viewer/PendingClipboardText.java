package dev.ums.viewer;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's clipboard text not yet handed to the event thread; only the newest is kept. The session thread puts,
 * the event thread takes. Putting reports whether a hand-over must be scheduled, so any number of texts (each up to
 * 16 MiB) arriving while the event thread is busy cost one task and hold one text, as {@link DirtyRegion} does for
 * repaints.
 */
final class PendingClipboardText {
    private final AtomicReference<String> pending = new AtomicReference<>();

    /** Keeps {@code text} in place of any text still pending; true if none was, so a hand-over must be scheduled. */
    boolean put(String text) {
        return pending.getAndSet(text) == null;
    }

    /** The newest text, or null if it was already taken. */
    String take() {
        return pending.getAndSet(null);
    }
}
