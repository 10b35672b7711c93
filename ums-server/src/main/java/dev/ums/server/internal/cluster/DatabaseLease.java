package dev.ums.server.internal.cluster;

import dev.ums.server.internal.gateway.GatewayLease;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link GatewayLease} held as a PostgreSQL session-level advisory lock on a connection of its own, outside the
 * pool: the lock lives exactly as long as that connection, so when the holding node dies (even by
 * {@code kill -9}) PostgreSQL drops the connection and the lock, and the next node that asks takes it. A broken
 * connection counts as a lost lease. Called on one gateway link's thread.
 */
public final class DatabaseLease implements GatewayLease {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLease.class);
    private static final int VALID_SECONDS = 2;

    private final DedicatedConnection database;
    private final String name;
    private final long key;
    private Connection connection;
    private boolean holding;

    /** The lease named {@code name} (for example a gateway's URL) on the cluster's database. */
    public DatabaseLease(String url, String user, String password, String name) {
        this.database = new DedicatedConnection(url, user, password);
        this.name = name;
        this.key = keyOf(name);
    }

    @Override
    public synchronized boolean held() {
        try {
            if (connection != null && !connection.isValid(VALID_SECONDS)) {
                LOG.warn("the database connection holding the lease on {} broke", name);
                drop();
            }
            if (connection == null) {
                connection = database.open();
            }
            if (!holding) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    lock.setLong(1, key);
                    try (ResultSet rs = lock.executeQuery()) {
                        holding = rs.next() && rs.getBoolean(1);
                    }
                }
                if (holding) {
                    LOG.info("this node now holds the lease on {}", name);
                }
            }
            return holding;
        } catch (SQLException e) {
            LOG.warn("the lease on {} cannot be checked: {}", name, e.getMessage());
            drop();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }

    private void drop() {
        holding = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.trace("closing the lease's connection failed", e);
            }
            connection = null;
        }
    }

    /** The advisory lock's 64-bit key: the first eight bytes of the SHA-256 of the lease's name. */
    static long keyOf(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("ums-lease:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
