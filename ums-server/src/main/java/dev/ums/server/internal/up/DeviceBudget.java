package dev.ums.server.internal.up;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many messages of one kind one device may send per minute, over all its connections, where each costs the server
 * a database write or lookup (a hello, a session password check): enough for an agent that reconnects after every
 * network hiccup or serves a console per second, not for a flood. Thread-safe.
 */
final class DeviceBudget {
    /** Hellos per device and minute. */
    static final int HELLOS_PER_MINUTE = 12;
    /** Session password checks per device and minute: one per console connecting to an OS 11 device. */
    static final int PASSWORD_CHECKS_PER_MINUTE = 30;
    private static final long MINUTE = 60_000;

    private record Window(long start, int count) {
    }

    private final Clock clock;
    private final int perMinute;
    private final ConcurrentHashMap<Long, Window> windows = new ConcurrentHashMap<>();

    DeviceBudget(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Counts a message of {@code deviceId}; false once the device used up this minute's budget. */
    boolean allow(long deviceId) {
        long now = clock.millis();
        Window w = windows.compute(deviceId, (id, old) -> old == null || now - old.start() >= MINUTE
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (windows.size() > 10_000) {
            windows.values().removeIf(old -> now - old.start() >= MINUTE);
        }
        return w.count() <= perMinute;
    }
}
