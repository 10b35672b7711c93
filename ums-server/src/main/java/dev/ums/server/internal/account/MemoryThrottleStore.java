package dev.ums.server.internal.account;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link ThrottleStore} in this server's memory: bounded tables (least recently used keys dropped first) under
 * one lock. Any thread may call it.
 */
public final class MemoryThrottleStore implements ThrottleStore, ThrottleStore.Tables {
    private final Map<Kind, FailureCounter> counters = new EnumMap<>(Kind.class);
    private final LinkedHashMap<String, Long> trusted;

    public MemoryThrottleStore() {
        this(100_000, 10_000);
    }

    MemoryThrottleStore(int maxAddresses, int maxUsers) {
        for (Kind kind : Kind.values()) {
            counters.put(kind, new FailureCounter(kind.free, kind.capMs, FORGET_MS,
                    kind == Kind.USER ? maxUsers : maxAddresses));
        }
        this.trusted = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    @Override
    public synchronized <T> T atomically(Function<Tables, T> work) {
        return work.apply(this);
    }

    @Override
    public Counter counter(Kind kind) {
        return counters.get(kind);
    }

    @Override
    public Long trustedAt(String pair) {
        return trusted.get(pair);
    }

    @Override
    public void trust(String pair, long at) {
        trusted.put(pair, at);
    }

    @Override
    public void expire(long now, long trustMs) {
        counters.values().forEach(c -> c.expire(now));
        trusted.values().removeIf(at -> now - at > trustMs);
    }

    @Override
    public int size() {
        return counters.values().stream().mapToInt(FailureCounter::size).sum() + trusted.size();
    }
}
