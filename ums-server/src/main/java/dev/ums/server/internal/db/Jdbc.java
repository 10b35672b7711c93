package dev.ums.server.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Small JDBC template: one statement per call, parameters bound in order, rows mapped by a lambda.
 * {@link #transaction} runs several statements on one connection, all or nothing. Any thread may call it.
 */
public final class Jdbc {
    /** SQLSTATE of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's {@code lock_not_available}: a lock was not had within {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource dataSource;
    private final Connection bound;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
        this.bound = null;
    }

    private Jdbc(Connection bound) {
        this.dataSource = null;
        this.bound = bound;
    }

    /** Maps one row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Statements that run together in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Jdbc tx);
    }

    @FunctionalInterface
    private interface Statement<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Inside a
     * transaction this joins it.
     */
    public <T> T transaction(Work<T> work) {
        if (bound != null) {
            return work.run(this);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Jdbc(c));
                c.commit();
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException("COMMIT", e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return run(sql, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                    return out;
                }
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public int update(String sql, Object... params) {
        return run(sql, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    /** Runs an insert and returns the generated {@code id}. */
    public long insert(String sql, Object... params) {
        return run(sql, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                bind(ps, params);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no generated key");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    private <T> T run(String sql, Statement<T> statement) {
        if (bound != null) {
            try {
                return statement.run(bound);
            } catch (SQLException e) {
                throw new DataAccessException(sql, e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            return statement.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    /** A failed statement; the SQL is kept for the log, never shown to users. */
    public static final class DataAccessException extends RuntimeException {
        private final String sqlState;

        DataAccessException(String sql, SQLException cause) {
            super("database statement failed: " + sql.split("\\s+", 3)[0] + " (" + cause.getMessage() + ")", cause);
            this.sqlState = cause.getSQLState();
        }

        /** Whether the statement broke a unique constraint (a concurrent writer got there first). */
        public boolean isUniqueViolation() {
            return UNIQUE_VIOLATION.equals(sqlState);
        }

        /** Whether the statement gave up waiting for a lock ({@code lock_timeout}). */
        public boolean isLockTimeout() {
            return LOCK_NOT_AVAILABLE.equals(sqlState);
        }
    }
}
