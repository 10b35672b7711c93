package dev.ums.server.internal.account;

import dev.ums.protocol.tunnel.RandomTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in REST sessions keyed by their JSESSIONID; they expire after 30 minutes without use. */
public final class WebSessions {
    private static final long IDLE_MS = Duration.ofMinutes(30).toMillis();
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();

    private static final class Entry {
        final String user;
        volatile long lastUse;

        Entry(String user, long lastUse) {
            this.user = user;
            this.lastUse = lastUse;
        }
    }

    public WebSessions(Clock clock) {
        this.clock = clock;
    }

    public String open(String user) {
        String id = RandomTokens.newToken();
        sessions.put(id, new Entry(user, clock.millis()));
        return id;
    }

    /** The user of a live session, refreshing its idle timer. */
    public Optional<String> user(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Entry e = sessions.get(sessionId);
        long now = clock.millis();
        if (e == null || now - e.lastUse > IDLE_MS) {
            if (e != null) {
                sessions.remove(sessionId);
            }
            return Optional.empty();
        }
        e.lastUse = now;
        return Optional.of(e.user);
    }

    public void close(String sessionId) {
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
    }

    public void expireIdle() {
        long now = clock.millis();
        sessions.values().removeIf(e -> now - e.lastUse > IDLE_MS);
    }
}
