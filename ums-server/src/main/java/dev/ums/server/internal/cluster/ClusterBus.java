package dev.ums.server.internal.cluster;

import dev.ums.protocol.json.WireJson;
import dev.ums.server.internal.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages between nodes over PostgreSQL's {@code LISTEN/NOTIFY}: each node listens on its own channel
 * ({@code ums_node_<id>}) and on the channel of all nodes ({@code ums_every_node}) on one connection of its own, outside the pool, read by the thread
 * {@code ums-cluster-listen}, which hands each message to the handler (which must not block). Sending is a
 * {@code pg_notify} on a pooled connection, from any thread. A lost listening connection is opened again
 * after a second; what was sent meanwhile is lost, and the asking node's time limit answers for it.
 */
public final class ClusterBus implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterBus.class);
    /** PostgreSQL's limit for a payload is 8,000 bytes. */
    static final int MAX_PAYLOAD = 7_900;
    /**
     * A notification is its own transaction, and PostgreSQL gives a transaction that notifies an id, so its commit
     * waits for the write-ahead log to reach the disk: one flush per message between nodes, whose latency on a busy
     * disk made the slowest cross-node shadow starts. The message needs no durability (a lost one is answered by the
     * asking node's time limit), so this transaction alone commits without waiting; PostgreSQL marks it committed
     * at once, and the listening nodes receive it as before.
     */
    static final String NOTIFY = "SELECT set_config('synchronous_commit', 'off', true), pg_notify(?, ?)";
    /** The channel every node listens on besides its own. */
    static final String EVERY_NODE = "ums_every_node";

    private final DedicatedConnection database;
    private final Jdbc jdbc;
    private final String channel;
    private final Consumer<ClusterMessage> handler;
    private final Thread listener;
    private volatile boolean closed;
    private volatile Connection connection;

    public ClusterBus(String url, String user, String password, Jdbc jdbc, String nodeId,
                      Consumer<ClusterMessage> handler) {
        this.database = new DedicatedConnection(url, user, password);
        this.jdbc = jdbc;
        this.channel = channelOf(nodeId);
        this.handler = handler;
        this.listener = new Thread(this::listen, "ums-cluster-listen");
        this.listener.setDaemon(true);
    }

    /** Starts listening; answers once the channel is listened to, so no message sent after it is missed. */
    public void start() throws SQLException {
        connection = openListening();
        listener.start();
    }

    /** Sends {@code message} to node {@code nodeId}; a payload over PostgreSQL's limit is refused. */
    public void send(String nodeId, ClusterMessage message) {
        notify(channelOf(nodeId), message);
    }

    /** Sends {@code message} to every node, this one included. */
    public void broadcast(ClusterMessage message) {
        notify(EVERY_NODE, message);
    }

    private void notify(String to, ClusterMessage message) {
        String payload = WireJson.write(message);
        if (payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a message between nodes is too large (" + payload.length() + " bytes)");
        }
        jdbc.query(NOTIFY, rs -> 1, to, payload);
    }

    static String channelOf(String nodeId) {
        return "ums_node_" + nodeId.replaceAll("[^a-z0-9]", "");
    }

    private Connection openListening() throws SQLException {
        Connection c = database.open();
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + channel);
            s.execute("LISTEN " + EVERY_NODE);
        }
        return c;
    }

    private void listen() {
        while (!closed) {
            try {
                if (connection == null) {
                    connection = openListening();
                    LOG.info("listening for other nodes' messages again");
                }
                PGNotification[] notes = connection.unwrap(PGConnection.class).getNotifications(500);
                if (notes == null) {
                    continue;
                }
                for (PGNotification note : notes) {
                    deliver(note.getParameter());
                }
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                LOG.warn("the connection for other nodes' messages broke; opening it again: {}", e.getMessage());
                closeQuietly();
                sleepASecond();
            }
        }
    }

    private void deliver(String payload) {
        try {
            handler.accept(WireJson.read(payload, ClusterMessage.class));
        } catch (RuntimeException e) {
            LOG.warn("a message from another node could not be handled", e);
        }
    }

    private void sleepASecond() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void closeQuietly() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // already broken
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        closeQuietly();
    }
}
