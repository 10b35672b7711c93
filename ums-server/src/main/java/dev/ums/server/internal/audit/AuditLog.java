package dev.ums.server.internal.audit;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.log.PeerText;
import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.device.Device;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every shadow attempt, from request to end: who, which device, which route, how it ended, bytes each way.
 * Entries are written by node {@code nodeId} of a cluster (null outside one), so that the others can close them
 * should it die. An entry is ended once: its first end stays. Any thread; each call is one statement.
 */
public record AuditLog(Jdbc jdbc, Clock clock, String nodeId) {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final String INTERRUPTED_DETAIL = "the server stopped during the session; the end time is when it "
            + "started again";

    public AuditLog(Jdbc jdbc, Clock clock) {
        this(jdbc, clock, null);
    }

    /** Records the start of an attempt and returns its id; the outcome stays {@code REQUESTED} until finished. */
    public long begin(Device device, String admin, String route, String client) {
        return begin(device, admin, route, client, null, null);
    }

    /**
     * As {@link #begin(Device, String, String, String)} for the shadow session {@code sessionId}; {@code gateway} is
     * the URL of the gateway its tunnels are registered at (null when they meet in this server's relay), which
     * alone may later report the session's pairing and end ({@link #pairedAtGateway}, {@link #finishAtGateway}).
     */
    public long begin(Device device, String admin, String route, String client, String sessionId, String gateway) {
        return jdbc.insert("INSERT INTO audit_entry (device_id, device_name, mac, ip, admin, route, client, started_at, "
                        + "bytes_to_device, bytes_from_device, outcome, node_id, session_id, gateway) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 'REQUESTED', ?, ?, ?)",
                device.id(), device.name(), device.mac(), device.lastIp(), admin, route, client, clock.millis(), nodeId,
                sessionId, gateway);
    }

    /**
     * Marks the open entry of session {@code sessionId}, registered at {@code gateway}, as connected; answers
     * whether there was one. Whichever node wrote the entry: a gateway tells the node linked to it now.
     */
    public boolean pairedAtGateway(String gateway, String sessionId) {
        return jdbc.update("UPDATE audit_entry SET outcome = 'CONNECTED', detail = ? WHERE session_id = ? "
                + "AND gateway = ? AND ended_at IS NULL", "tunnel paired", sessionId, gateway) > 0;
    }

    /**
     * Ends the open entry of session {@code sessionId}, registered at {@code gateway}, whichever node wrote it;
     * answers whether there was one. An entry already ended (by an earlier report, the broker or a node's death)
     * stays as it is.
     */
    public boolean finishAtGateway(String gateway, String sessionId, String outcome, String detail,
                                   long bytesToDevice, long bytesFromDevice) {
        return jdbc.update("UPDATE audit_entry SET outcome = ?, detail = ?, ended_at = ?, bytes_to_device = ?, "
                        + "bytes_from_device = ? WHERE session_id = ? AND gateway = ? AND ended_at IS NULL",
                outcome, truncate(detail), clock.millis(), bytesToDevice, bytesFromDevice, sessionId, gateway) > 0;
    }

    /** Where the tunnels of session {@code sessionId} were registered, for a report that matched no open entry. */
    public Optional<SessionPlace> placeOf(String sessionId) {
        return jdbc.queryOne("SELECT gateway FROM audit_entry WHERE session_id = ?",
                rs -> new SessionPlace(rs.getString(1)), sessionId);
    }

    /** The URL of the gateway a session's tunnels were registered at; null when they met in a server's relay. */
    public record SessionPlace(String gateway) {
    }

    /** The outcome so far of an entry still open; an ended entry keeps how it ended. */
    public void outcome(long entryId, String outcome, String detail) {
        jdbc.update("UPDATE audit_entry SET outcome = ?, detail = ? WHERE id = ? AND ended_at IS NULL", outcome,
                truncate(detail), entryId);
    }

    /**
     * Ends an entry, unless something ended it already: an entry is ended once, by whatever ended it first (a
     * gateway's report, a refused password, the relay, a surviving node that took its node for dead). A later end is
     * logged, not recorded. Answers whether this call ended it.
     */
    public boolean finish(long entryId, String outcome, String detail, long bytesToDevice, long bytesFromDevice) {
        boolean ended = jdbc.update("UPDATE audit_entry SET outcome = ?, detail = ?, ended_at = ?, bytes_to_device = ?, "
                        + "bytes_from_device = ? WHERE id = ? AND ended_at IS NULL",
                outcome, truncate(detail), clock.millis(), bytesToDevice, bytesFromDevice, entryId) > 0;
        if (!ended) {
            LOG.info("audit entry {} had already ended; its later end is not recorded: {} ({}), {} bytes to the "
                    + "device, {} from it", entryId, outcome, PeerText.of(detail, 200), bytesToDevice, bytesFromDevice);
        }
        return ended;
    }

    /** Names the file the session's recording goes to (in the server's recordings directory). */
    public void recording(long entryId, String fileName) {
        jdbc.update("UPDATE audit_entry SET recording = ? WHERE id = ?", fileName, entryId);
    }

    /** The file name of an entry's recording: empty if there is no such entry or it was not recorded. */
    public Optional<String> recordingOf(long entryId) {
        return jdbc.query("SELECT recording FROM audit_entry WHERE id = ? AND recording IS NOT NULL",
                rs -> rs.getString(1), entryId).stream().findFirst();
    }

    public boolean exists(long entryId) {
        return !jdbc.query("SELECT id FROM audit_entry WHERE id = ?", rs -> rs.getLong(1), entryId).isEmpty();
    }

    /**
     * Closes the entries a crash left open (no end time): outcome {@code INTERRUPTED}, ended now. Called at
     * start, before any session can begin; answers how many there were.
     */
    public int closeInterrupted() {
        return jdbc.update("UPDATE audit_entry SET outcome = 'INTERRUPTED', ended_at = ?, detail = ? "
                + "WHERE ended_at IS NULL", clock.millis(), INTERRUPTED_DETAIL);
    }

    public List<AuditEntry> forDevice(long deviceId) {
        return jdbc.query("SELECT * FROM audit_entry WHERE device_id = ? ORDER BY started_at DESC, id DESC",
                rs -> {
                    long ended = rs.getLong("ended_at");
                    String end = rs.wasNull() ? null : Instant.ofEpochMilli(ended).toString();
                    return new AuditEntry(rs.getLong("id"), String.valueOf(rs.getLong("device_id")),
                            rs.getString("device_name"), rs.getString("mac"), rs.getString("ip"), rs.getString("admin"),
                            rs.getString("route"), Instant.ofEpochMilli(rs.getLong("started_at")).toString(), end,
                            rs.getLong("bytes_to_device"), rs.getLong("bytes_from_device"), rs.getString("outcome"),
                            rs.getString("detail"), rs.getString("client"), rs.getString("recording"));
                }, deviceId);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
