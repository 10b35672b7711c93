package dev.ums.server.internal.cluster;

import dev.ums.server.internal.account.ThrottleStore;
import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.db.Jdbc.DataAccessException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link ThrottleStore} in the database ({@code login_failure}, {@code login_trust}), so that every node counts
 * the same attempts. Each call is one transaction under a PostgreSQL advisory lock, so simultaneous attempts on
 * different nodes cannot slip past the count; a login costs a few short statements. Rows are forgotten like the
 * memory tables' keys (an hour after the last failure, trust after 30 days). Keys are stored as their SHA-256
 * (a user name may hold any character, PostgreSQL's text no NUL, and the table need not list who tried).
 * <p>
 * A flood of logins must not take the node's connection pool: every attempt would hold a connection while it waits
 * for the lock, and the node's devices, sessions and audit would wait behind them. So at most {@value #TURNS} calls
 * of a node use a connection here at once; a call that gets no turn within {@value #WAIT_SECONDS} s, or then not the
 * lock within {@value #WAIT_SECONDS} s more (another node stalled holding it), throws {@link Busy} and the login is
 * answered busy. Each call is a transaction of its own: the {@link Jdbc} given is the pool's, never one bound to an
 * outer transaction (whose lock timeout and abort this would change). Any thread may call it.
 */
public final class SharedThrottleStore implements ThrottleStore {
    /** The advisory lock's key: any number no other part of the server uses. */
    static final long LOCK = 0x756d735f74687231L;
    /** Calls of one node in the database at once: 2 of the pool's 8 connections at most. */
    static final int TURNS = 2;
    static final int WAIT_SECONDS = 3;

    private final Jdbc jdbc;
    private final Semaphore turns = new Semaphore(TURNS, true);

    public SharedThrottleStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public <T> T atomically(Function<Tables, T> work) {
        try {
            if (!turns.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Busy("every turn of this node at the login counts is taken");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting for a turn at the login counts");
        }
        try {
            return jdbc.transaction(tx -> {
                tx.update("SET LOCAL lock_timeout = '" + WAIT_SECONDS + "s'");
                tx.query("SELECT pg_advisory_xact_lock(?)", rs -> 1, LOCK);
                return work.apply(new SqlTables(tx));
            });
        } catch (DataAccessException e) {
            if (e.isLockTimeout()) {
                throw new Busy("the login counts' lock was not free within " + WAIT_SECONDS + " s");
            }
            throw e;
        } finally {
            turns.release();
        }
    }

    private final class SqlTables implements Tables {
        private final Jdbc tx;

        SqlTables(Jdbc tx) {
            this.tx = tx;
        }

        @Override
        public Counter counter(Kind kind) {
            return new SqlCounter(tx, kind);
        }

        @Override
        public Long trustedAt(String pair) {
            return tx.queryOne("SELECT trusted_at FROM login_trust WHERE pair = ?", rs -> rs.getLong(1), StoredKey.of(pair))
                    .orElse(null);
        }

        @Override
        public void trust(String pair, long at) {
            tx.update("INSERT INTO login_trust (pair, trusted_at) VALUES (?, ?) ON CONFLICT (pair) DO UPDATE SET "
                    + "trusted_at = EXCLUDED.trusted_at", StoredKey.of(pair), at);
        }

        @Override
        public void expire(long now, long trustMs) {
            tx.update("DELETE FROM login_failure WHERE last_seen < ? AND blocked_until <= ?", now - FORGET_MS, now);
            tx.update("DELETE FROM login_trust WHERE trusted_at < ?", now - trustMs);
        }

        @Override
        public int size() {
            return tx.queryOne("SELECT (SELECT COUNT(*) FROM login_failure) + (SELECT COUNT(*) FROM login_trust)",
                    rs -> rs.getInt(1)).orElse(0);
        }
    }

    private final class SqlCounter implements Counter {
        private final Jdbc tx;
        private final String kind;
        private final Kind policy;

        SqlCounter(Jdbc tx, Kind policy) {
            this.tx = tx;
            this.kind = policy.name().substring(0, Math.min(8, policy.name().length()));
            this.policy = policy;
        }

        private record Row(int failures, long blockedUntil, long lastSeen) {
        }

        private Optional<Row> row(String rawKey) {
            String key = StoredKey.of(rawKey);
            return tx.queryOne("SELECT failures, blocked_until, last_seen FROM login_failure WHERE kind = ? "
                    + "AND key_value = ?", rs -> new Row(rs.getInt(1), rs.getLong(2), rs.getLong(3)), kind, key);
        }

        @Override
        public long waitMs(String key, long now) {
            Optional<Row> row = row(key);
            if (row.isEmpty()) {
                return 0;
            }
            if (now - row.get().lastSeen() > FORGET_MS && now >= row.get().blockedUntil()) {
                clear(key);
                return 0;
            }
            return Math.max(0, row.get().blockedUntil() - now);
        }

        @Override
        public void charge(String key, long now) {
            int failures = row(key).map(Row::failures).orElse(0) + 1;
            long blocked = ThrottleStore.blockedUntil(failures, policy.free, policy.capMs, now);
            tx.update("INSERT INTO login_failure (kind, key_value, failures, blocked_until, last_seen) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, key_value) DO UPDATE SET failures = EXCLUDED.failures, "
                    + "blocked_until = EXCLUDED.blocked_until, last_seen = EXCLUDED.last_seen",
                    kind, StoredKey.of(key), failures, blocked, now);
        }

        @Override
        public void refund(String key) {
            tx.update("UPDATE login_failure SET failures = failures - 1 WHERE kind = ? AND key_value = ? "
                    + "AND failures > 0", kind, StoredKey.of(key));
        }

        @Override
        public void clear(String key) {
            tx.update("DELETE FROM login_failure WHERE kind = ? AND key_value = ?", kind, StoredKey.of(key));
        }
    }
}
