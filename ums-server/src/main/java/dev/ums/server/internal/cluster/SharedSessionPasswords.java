package dev.ums.server.internal.cluster;

import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.shadow.SessionPasswords;
import java.time.Clock;
import java.util.UUID;

/**
 * {@link SessionPasswords} in the database, so that an OS 11 device held by one node can present a password an
 * administrator got from another. Rows are keyed by the SHA-256 of the password (a reader of the database cannot
 * present one); using a password deletes its row in the same transaction that reads it, so two nodes can never
 * both accept it. Any thread.
 */
public final class SharedSessionPasswords implements SessionPasswords {
    private final Jdbc jdbc;
    private final Clock clock;

    public SharedSessionPasswords(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String issue(long deviceId, String admin, long auditId) {
        String password = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO session_password (password_hash, device_id, admin, audit_id, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", StoredKey.of(password), deviceId, admin, auditId,
                clock.millis() + VALIDITY.toMillis());
        return password;
    }

    @Override
    public Verdict use(long deviceId, String password) {
        Grant grant = password == null ? null : jdbc.transaction(tx -> {
            String key = StoredKey.of(password);
            Grant found = tx.queryOne("SELECT device_id, admin, audit_id, expires_at FROM session_password "
                    + "WHERE password_hash = ?", rs -> new Grant(rs.getLong(1), rs.getString(2), rs.getLong(3),
                    rs.getLong(4)), key).orElse(null);
            // Whoever deletes the row owns the password; a node that read it at the same moment gets nothing.
            return found != null && tx.update("DELETE FROM session_password WHERE password_hash = ?", key) == 1
                    ? found : null;
        });
        return Verdict.on(grant, deviceId, clock.millis());
    }

    @Override
    public void expire() {
        jdbc.update("DELETE FROM session_password WHERE expires_at < ?", clock.millis());
    }
}
