package dev.ums.server.internal.account;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per key (a user name, an address, or both) with an exponential delay: the first
 * {@code free} failures cost nothing, then each further attempt must wait 1 s, 2 s, 4 s … up to {@code capMs}.
 * A key quiet for {@code forgetMs} is forgotten; beyond {@code maxKeys} the least recently used key is
 * dropped (never the whole table). Not thread-safe: {@link MemoryThrottleStore} holds its lock around every call.
 */
final class FailureCounter implements ThrottleStore.Counter {
    private final int free;
    private final long capMs;
    private final long forgetMs;
    private final LinkedHashMap<String, Entry> entries;

    private static final class Entry {
        int failures;
        long blockedUntil;
        long lastSeen;
    }

    FailureCounter(int free, long capMs, long forgetMs, int maxKeys) {
        this.free = free;
        this.capMs = capMs;
        this.forgetMs = forgetMs;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Milliseconds {@code key} must still wait, 0 when an attempt is allowed now; refreshes its recency. */
    @Override
    public long waitMs(String key, long now) {
        Entry e = entries.get(key);
        if (e == null) {
            return 0;
        }
        if (now - e.lastSeen > forgetMs && now >= e.blockedUntil) {
            entries.remove(key);
            return 0;
        }
        return Math.max(0, e.blockedUntil - now);
    }

    /** Counts a failure (or an attempt not yet known to succeed) and sets the delay before the next one. */
    @Override
    public void charge(String key, long now) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        e.failures++;
        e.lastSeen = now;
        e.blockedUntil = ThrottleStore.blockedUntil(e.failures, free, capMs, now);
    }

    /** Takes back one charge, for an attempt that turned out right; the delay already set stays. */
    @Override
    public void refund(String key) {
        Entry e = entries.get(key);
        if (e != null && e.failures > 0) {
            e.failures--;
        }
    }

    @Override
    public void clear(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    /** Drops keys quiet for longer than the forget time whose delay has passed. */
    void expire(long now) {
        entries.values().removeIf(e -> now - e.lastSeen > forgetMs && now >= e.blockedUntil);
    }
}
