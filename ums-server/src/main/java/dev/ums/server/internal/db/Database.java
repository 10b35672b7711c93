package dev.ums.server.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The server's connection pool, migrated by Flyway at start: embedded H2 by default, PostgreSQL in production.
 * A commit is on disk (or in PostgreSQL) before the statement returns. Any thread may use it.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database open(String url, String user, String password, Path dataDir) {
        String jdbcUrl = durable(interruptSafe(url != null ? url
                : "jdbc:h2:file:" + dataDir.resolve("ums").toAbsolutePath() + ";DB_CLOSE_DELAY=0"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        } else if (url == null) {
            config.setUsername("sa");
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(8);
        config.setPoolName("ums-db");
        config.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the database at " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new Database(ds);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * H2 writes committed data to its file up to half a second late by default, so a server killed right after
     * an answer could lose what it answered about: its write delay is set to 0 unless the URL sets it.
     * PostgreSQL commits durably already ({@code synchronous_commit} on by default).
     */
    static String durable(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY=")) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    /**
     * H2's {@code file:} store writes through a {@code FileChannel}, which the JDK closes when the writing thread is
     * interrupted: one thread interrupted during a write (a link thread told to stop while it records a device going
     * offline) closed the database for every other thread until a restart. Its {@code async:} store writes the same
     * files through an {@code AsynchronousFileChannel}, which an interrupt does not close.
     */
    static String interruptSafe(String url) {
        return url.startsWith("jdbc:h2:file:") ? "jdbc:h2:async:" + url.substring("jdbc:h2:file:".length()) : url;
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&;]*", "password=…");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
