package dev.ums.server.internal.up;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many hellos one device may send per minute, over all its connections (each hello is a database
 * write): enough for an agent that reconnects after every network hiccup, not for a flood. Thread-safe.
 */
final class HelloBudget {
    static final int PER_MINUTE = 12;
    private static final long MINUTE = 60_000;

    private record Window(long start, int count) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

    HelloBudget(Clock clock) {
        this.clock = clock;
    }

    /** Counts a hello of {@code deviceId}; false once the device used up this minute's hellos. */
    boolean allow(long deviceId) {
        long now = clock.millis();
        Window w = windows.compute(deviceId, (id, old) -> old == null || now - old.start() >= MINUTE
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (windows.size() > 10_000) {
            windows.values().removeIf(old -> now - old.start() >= MINUTE);
        }
        return w.count() <= PER_MINUTE;
    }
}
