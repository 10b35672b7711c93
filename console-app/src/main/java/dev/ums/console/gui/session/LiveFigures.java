package dev.ums.console.gui.session;

import dev.ums.viewer.VncSession;
import java.util.Locale;

/** Turns a session's running counters into "updates/s" and "KiB/s" over the interval since the last reading. */
final class LiveFigures {
    private final VncSession session;
    private long lastUpdates;
    private long lastBytes;
    private long lastNanos = System.nanoTime();

    LiveFigures(VncSession session) {
        this.session = session;
        this.lastUpdates = session.updateCount();
        this.lastBytes = session.bytesReceived();
    }

    /** The figures since the previous call, e.g. {@code "12.0 updates/s · 345.6 KiB/s"}. */
    String next() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long updates = session.updateCount();
        long bytes = session.bytesReceived();
        String text = String.format(Locale.ROOT, "%.1f updates/s · %.1f KiB/s", (updates - lastUpdates) / seconds,
                (bytes - lastBytes) / seconds / 1024);
        lastUpdates = updates;
        lastBytes = bytes;
        lastNanos = now;
        return text;
    }
}
