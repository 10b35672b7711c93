package dev.ums.server.internal.cluster;

import dev.ums.server.internal.db.Jdbc;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's membership in the cluster ({@code cluster_node}): a heartbeat in database time every
 * {@link #BEAT_MS}, and, on every node alike, the cleaning up after nodes whose heartbeat is older than
 * {@link #STALE_MS}: their devices' presence is dropped and their open audit entries are closed as
 * {@code INTERRUPTED}. All of it runs on the thread {@code ums-cluster-heartbeat}; the statements are
 * idempotent, so nodes cleaning up at once do no harm.
 */
public final class ClusterNode implements AutoCloseable {
    /** The database's clock in epoch milliseconds, so that nodes' clocks need not agree. */
    static final String DB_NOW = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    static final long BEAT_MS = 2_000;
    /** A node silent this long is dead: its devices are offline everywhere within 10 s of its last beat. */
    static final long STALE_MS = 6_000;
    static final String INTERRUPTED_DETAIL = "the server node holding the session stopped";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final Jdbc jdbc;
    private final String nodeId;
    private final String advertiseUrl;
    private final Presence presence;
    private final ScheduledExecutorService heartbeat;
    private volatile Runnable reclaim = () -> { };

    private ClusterNode(Jdbc jdbc, String nodeId, String advertiseUrl) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
        this.advertiseUrl = advertiseUrl;
        this.presence = new Presence(jdbc, nodeId);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ums-cluster-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** A new node id, registered with its first heartbeat; audit entries of dead nodes are closed at once. */
    public static ClusterNode join(Jdbc jdbc, String advertiseUrl) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ClusterNode node = new ClusterNode(jdbc, id, advertiseUrl);
        node.register();
        int closed = node.cleanUp();
        if (closed > 0) {
            LOG.warn("{} shadow session(s) of stopped nodes were still open; logged as INTERRUPTED", closed);
        }
        node.presence.refresh();
        return node;
    }

    /** Starts beating; {@code reclaim} re-registers this node's devices should others have given it up for dead. */
    public void start(Runnable reclaimDevices) {
        this.reclaim = reclaimDevices;
        heartbeat.scheduleWithFixedDelay(this::beat, BEAT_MS, BEAT_MS, TimeUnit.MILLISECONDS);
    }

    private void register() {
        jdbc.update("INSERT INTO cluster_node (node_id, advertise_url, started_at, heartbeat_at) VALUES (?, ?, "
                + DB_NOW + ", " + DB_NOW + ")", nodeId, advertiseUrl);
    }

    private void beat() {
        try {
            int updated = jdbc.update("UPDATE cluster_node SET heartbeat_at = " + DB_NOW + " WHERE node_id = ?",
                    nodeId);
            if (updated == 0) {
                LOG.warn("other nodes took this node for dead (it missed heartbeats); joining again");
                register();
                reclaim.run();
            }
            int closed = cleanUp();
            if (closed > 0) {
                LOG.warn("closed {} open audit entries of stopped nodes as INTERRUPTED", closed);
            }
            presence.refresh();
        } catch (RuntimeException e) {
            LOG.warn("the cluster heartbeat failed: {}", e.getMessage());
        }
    }

    /** Drops dead nodes, their devices' presence and their open audit entries; answers how many entries. */
    private int cleanUp() {
        int closed = jdbc.update("UPDATE audit_entry SET outcome = 'INTERRUPTED', ended_at = "
                + "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT), detail = ? WHERE ended_at IS NULL "
                + "AND (node_id IS NULL OR node_id NOT IN (SELECT node_id FROM cluster_node WHERE heartbeat_at >= "
                + DB_NOW + " - ?))", INTERRUPTED_DETAIL, STALE_MS);
        jdbc.update("DELETE FROM device_presence WHERE node_id NOT IN (SELECT node_id FROM cluster_node "
                + "WHERE heartbeat_at >= " + DB_NOW + " - ?)", STALE_MS);
        jdbc.update("DELETE FROM cluster_node WHERE heartbeat_at < " + DB_NOW + " - ?", STALE_MS);
        return closed;
    }

    public String id() {
        return nodeId;
    }

    public String advertiseUrl() {
        return advertiseUrl;
    }

    public Presence presence() {
        return presence;
    }

    /** Leaves the cluster: stops beating and gives up this node's devices and its row. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(2, TimeUnit.SECONDS);
            presence.releaseAll();
            jdbc.update("DELETE FROM cluster_node WHERE node_id = ?", nodeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("leaving the cluster failed: {}", e.getMessage());
        }
    }
}
