package dev.ums.server.internal.cluster;

import dev.ums.server.internal.db.Jdbc;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which node holds each device's UP connection ({@code device_presence}), counted only while that node's
 * heartbeat is fresh: a node that stops beating loses its devices from every node's view within
 * {@link ClusterNode#STALE_MS} plus one refresh. Writes happen when a device comes or goes (its socket's
 * thread); the snapshot every node reads is refreshed by the heartbeat thread. Thread-safe.
 */
public final class Presence {
    /** Where a device is held: the node, its URL for tunnels, and the device's route there. */
    public record Holder(String nodeId, String advertiseUrl, String route) {
    }

    private final Jdbc jdbc;
    private final String nodeId;
    private volatile Map<Long, Holder> snapshot = Map.of();

    public Presence(Jdbc jdbc, String nodeId) {
        this.jdbc = jdbc;
        this.nodeId = nodeId;
    }

    /** This node now holds the device (a newer connection elsewhere replaces an older one). */
    public void claim(long deviceId, String route) {
        jdbc.update("INSERT INTO device_presence (device_id, node_id, route, since) VALUES (?, ?, ?, "
                + ClusterNode.DB_NOW + ") ON CONFLICT (device_id) DO UPDATE SET node_id = EXCLUDED.node_id, "
                + "route = EXCLUDED.route, since = EXCLUDED.since", deviceId, nodeId, route);
    }

    /** This node no longer holds the device, unless another node took it meanwhile. */
    public void release(long deviceId) {
        jdbc.update("DELETE FROM device_presence WHERE device_id = ? AND node_id = ?", deviceId, nodeId);
    }

    /** Forgets every device this node held: it is stopping. */
    public void releaseAll() {
        jdbc.update("DELETE FROM device_presence WHERE node_id = ?", nodeId);
    }

    /** Reads which devices live nodes hold; called by the heartbeat thread. */
    void refresh() {
        snapshot = jdbc.query("SELECT p.device_id, p.node_id, p.route, n.advertise_url FROM device_presence p "
                        + "JOIN cluster_node n ON n.node_id = p.node_id WHERE n.heartbeat_at >= "
                        + ClusterNode.DB_NOW + " - ?",
                rs -> Map.entry(rs.getLong(1), new Holder(rs.getString(2), rs.getString(4), rs.getString(3))),
                ClusterNode.STALE_MS).stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                Map.Entry::getValue, (a, b) -> a));
    }

    /** Whether a live node holds the device, as of the last refresh. */
    public boolean isOnline(long deviceId) {
        return snapshot.containsKey(deviceId);
    }

    /** The live node holding the device, read now (not from the snapshot). */
    public Optional<Holder> holder(long deviceId) {
        return jdbc.queryOne("SELECT p.node_id, n.advertise_url, p.route FROM device_presence p "
                        + "JOIN cluster_node n ON n.node_id = p.node_id WHERE p.device_id = ? AND n.heartbeat_at >= "
                        + ClusterNode.DB_NOW + " - ?",
                rs -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3)), deviceId, ClusterNode.STALE_MS);
    }

    public String nodeId() {
        return nodeId;
    }
}
