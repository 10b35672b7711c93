package dev.ums.server.internal.cluster;

import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.db.Jdbc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WebSessions} in the database, so that a cookie made on one node is valid on every node. Rows are keyed
 * by the SHA-256 of the cookie value: a reader of the database cannot present a session. The idle timer is
 * written at most every {@link #TOUCH_MS}, not on every request. Any thread may call it.
 */
public final class SharedWebSessions implements WebSessions {
    static final long TOUCH_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(SharedWebSessions.class);

    private final Jdbc jdbc;
    private final Clock clock;
    /** Shadow sessions opened through this node, until they end or their login no longer lists them. */
    private final Set<String> openedHere = ConcurrentHashMap.newKeySet();

    private record Live(String user, String requestToken) {
    }

    public SharedWebSessions(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String open(String user) {
        String id = RandomTokens.newToken();
        jdbc.update("INSERT INTO web_session (id_hash, user_name, request_token, last_use) VALUES (?, ?, ?, ?)",
                StoredKey.of(id), user, RandomTokens.newToken(), clock.millis());
        return id;
    }

    @Override
    public Optional<String> user(String sessionId) {
        return live(sessionId).map(Live::user);
    }

    @Override
    public Optional<String> requestToken(String sessionId) {
        return live(sessionId).map(Live::requestToken);
    }

    @Override
    public void opened(String sessionId, String shadowId) {
        if (live(sessionId).isPresent()) {
            jdbc.update("INSERT INTO web_session_shadow (id_hash, shadow_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    StoredKey.of(sessionId), shadowId);
            openedHere.add(shadowId);
        }
    }

    /** Runs on relay threads; a database that fails leaves the row, for the login's end to answer. */
    @Override
    public void ended(String shadowId) {
        if (openedHere.contains(shadowId)) {
            try {
                jdbc.update("DELETE FROM web_session_shadow WHERE shadow_id = ?", shadowId);
                openedHere.remove(shadowId);
            } catch (RuntimeException e) {
                LOG.warn("the ended shadow session {} stays listed in its web login: {}", shadowId, e.toString());
            }
        }
    }

    @Override
    public boolean owns(String sessionId, String shadowId) {
        return live(sessionId).isPresent() && jdbc.queryOne("SELECT 1 FROM web_session_shadow WHERE id_hash = ? "
                + "AND shadow_id = ?", rs -> 1, StoredKey.of(sessionId), shadowId).isPresent();
    }

    @Override
    public List<String> close(String sessionId) {
        if (sessionId == null) {
            return List.of();
        }
        String key = StoredKey.of(sessionId);
        List<String> shadows = jdbc.transaction(tx -> {
            List<String> opened = tx.query("SELECT shadow_id FROM web_session_shadow WHERE id_hash = ?",
                    rs -> rs.getString(1), key);
            tx.update("DELETE FROM web_session_shadow WHERE id_hash = ?", key);
            tx.update("DELETE FROM web_session WHERE id_hash = ?", key);
            return opened;
        });
        shadows.forEach(openedHere::remove); // the caller ends them
        return shadows;
    }

    /** Every node runs it: the rows one node deleted are answered to that node only ({@code RETURNING}). */
    @Override
    public List<String> expireIdle() {
        long oldest = clock.millis() - IDLE_MS;
        List<String> shadows = jdbc.transaction(tx -> {
            List<String> expired = tx.query("DELETE FROM web_session_shadow WHERE id_hash IN (SELECT id_hash FROM "
                    + "web_session WHERE last_use < ?) RETURNING shadow_id", rs -> rs.getString(1), oldest);
            tx.update("DELETE FROM web_session WHERE last_use < ?", oldest);
            return expired;
        });
        shadows.forEach(openedHere::remove); // the caller ends them
        return shadows;
    }

    @Override
    public List<String> unlistedHere() {
        List<String> unlisted = new ArrayList<>();
        for (String shadowId : openedHere) {
            if (jdbc.queryOne("SELECT 1 FROM web_session_shadow WHERE shadow_id = ?", rs -> 1, shadowId).isEmpty()
                    && openedHere.remove(shadowId)) {
                unlisted.add(shadowId);
            }
        }
        return unlisted;
    }

    private Optional<Live> live(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        String key = StoredKey.of(sessionId);
        long now = clock.millis();
        Optional<Object[]> row = jdbc.queryOne("SELECT user_name, request_token, last_use FROM web_session "
                + "WHERE id_hash = ?", rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}, key);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        long lastUse = (Long) row.get()[2];
        if (now - lastUse > IDLE_MS) {
            // the row stays for expireIdle, which answers its shadow sessions to be ended
            return Optional.empty();
        }
        if (now - lastUse > TOUCH_MS) {
            jdbc.update("UPDATE web_session SET last_use = ? WHERE id_hash = ?", now, key);
        }
        return Optional.of(new Live((String) row.get()[0], (String) row.get()[1]));
    }
}
