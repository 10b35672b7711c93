package dev.ums.server.internal.account;

import dev.ums.protocol.tunnel.RandomTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link WebSessions} in this server's memory, for a single server: logged-in sessions keyed by their cookie value (the REST API's {@code JSESSIONID}, the web app's session
 * cookie); they expire after 30 minutes without use. Each carries a random request token against cross-site
 * requests (the web app sends it in a header with every state-changing call) and the shadow sessions opened
 * in it, so that a logout ends them. Called on request threads and the housekeeping thread; thread-safe.
 */
public final class MemoryWebSessions implements WebSessions {
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();

    private static final class Entry {
        final String user;
        final String requestToken = RandomTokens.newToken();
        /** Shadow sessions opened in this login and still open. */
        final Set<String> shadows = ConcurrentHashMap.newKeySet();
        volatile long lastUse;

        Entry(String user, long lastUse) {
            this.user = user;
            this.lastUse = lastUse;
        }
    }

    public MemoryWebSessions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String open(String user) {
        String id = RandomTokens.newToken();
        sessions.put(id, new Entry(user, clock.millis()));
        return id;
    }

    /** The user of a live session, refreshing its idle timer. */
    @Override
    public Optional<String> user(String sessionId) {
        return live(sessionId).map(e -> e.user);
    }

    /** The token a state-changing call of this session must carry, if the session is live. */
    @Override
    public Optional<String> requestToken(String sessionId) {
        return live(sessionId).map(e -> e.requestToken);
    }

    /** Remembers that {@code shadowId} was opened in this session. */
    @Override
    public void opened(String sessionId, String shadowId) {
        live(sessionId).ifPresent(e -> e.shadows.add(shadowId));
    }

    @Override
    public void ended(String shadowId) {
        sessions.values().forEach(e -> e.shadows.remove(shadowId));
    }

    /** Whether {@code shadowId} was opened in this live session. */
    @Override
    public boolean owns(String sessionId, String shadowId) {
        return live(sessionId).map(e -> e.shadows.contains(shadowId)).orElse(false);
    }

    private Optional<Entry> live(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Entry e = sessions.get(sessionId);
        long now = clock.millis();
        if (e == null || now - e.lastUse > IDLE_MS) {
            // an expired entry stays for expireIdle, which answers its shadow sessions to be ended
            return Optional.empty();
        }
        e.lastUse = now;
        return Optional.of(e);
    }

    /** Ends a session; answers the shadow sessions opened in it, for the caller to end. */
    @Override
    public List<String> close(String sessionId) {
        if (sessionId == null) {
            return List.of();
        }
        Entry e = sessions.remove(sessionId);
        return e == null ? List.of() : List.copyOf(e.shadows);
    }

    @Override
    public List<String> expireIdle() {
        long now = clock.millis();
        List<String> shadows = new ArrayList<>();
        for (Map.Entry<String, Entry> session : sessions.entrySet()) {
            Entry e = session.getValue();
            if (now - e.lastUse > IDLE_MS && sessions.remove(session.getKey(), e)) {
                shadows.addAll(e.shadows);
            }
        }
        return shadows;
    }

    /** None: every login lives in this server, whose logout and expiry end their sessions here. */
    @Override
    public List<String> unlistedHere() {
        return List.of();
    }
}
