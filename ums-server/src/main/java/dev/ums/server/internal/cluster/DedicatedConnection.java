package dev.ums.server.internal.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How a node opens a connection to the cluster's database of its own, outside the pool, for what lives exactly as
 * long as one connection: a {@code LISTEN}, an advisory lock. Immutable; any thread.
 */
final class DedicatedConnection {
    private final String url;
    private final Properties credentials = new Properties();

    DedicatedConnection(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }
}
