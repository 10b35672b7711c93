package dev.ums.server.internal.account;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after 3 failed logins for a user from one address, each further attempt
 * must wait twice as long as the last (1 s up to 5 min). A success clears the record. Bounded: the oldest
 * entries are dropped beyond 10,000 keys.
 */
public final class LoginThrottle {
    private static final int FREE_FAILURES = 3;
    private static final long MAX_DELAY_MS = 300_000;
    private static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, long blockedUntil) {
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds the caller must still wait, or 0 when an attempt is allowed now. */
    public long secondsToWait(String user, String address) {
        Failures f = failures.get(key(user, address));
        if (f == null) {
            return 0;
        }
        long waitMs = f.blockedUntil() - clock.millis();
        return waitMs <= 0 ? 0 : (waitMs + 999) / 1000;
    }

    public void failed(String user, String address) {
        if (failures.size() > MAX_KEYS) {
            failures.clear();
        }
        failures.compute(key(user, address), (k, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            long delay = count <= FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, 1000L << Math.min(20, count - FREE_FAILURES - 1));
            return new Failures(count, clock.millis() + delay);
        });
    }

    public void succeeded(String user, String address) {
        failures.remove(key(user, address));
    }

    private static String key(String user, String address) {
        return user + "\u0000" + address;
    }
}
