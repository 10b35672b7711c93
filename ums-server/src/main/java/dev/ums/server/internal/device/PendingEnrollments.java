package dev.ums.server.internal.device;

import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.server.internal.db.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Re-enrollments of known unit ids waiting for an administrator. Any thread may call it. */
public record PendingEnrollments(Jdbc jdbc, Clock clock) {
    /** More waiting re-enrollments than this for one device are refused until an administrator decides. */
    public static final int MAX_PER_DEVICE = 10;
    private static final String COLUMNS = "id, device_id, name, mac, os_version, certificate_pem, credential_hash, "
            + "remote_ip, requested_at";

    /** One waiting re-enrollment: what the enrolling device said about itself, and from where. */
    public record Pending(long id, long deviceId, String name, String mac, String osVersion, String certificatePem,
                          String credentialHash, String remoteIp, long requestedAt) {
    }

    public PendingEnrollments within(Jdbc tx) {
        return new PendingEnrollments(tx, clock);
    }

    public int countFor(long deviceId) {
        return jdbc.queryOne("SELECT COUNT(*) FROM pending_enrollment WHERE device_id = ?", rs -> rs.getInt(1),
                deviceId).orElse(0);
    }

    public long add(long deviceId, String name, String mac, String osVersion, String certificatePem,
                    String credential, String remoteIp, String token, String enrollmentKeyDigest) {
        return jdbc.insert("INSERT INTO pending_enrollment (device_id, name, mac, os_version, certificate_pem, "
                        + "credential_hash, remote_ip, requested_at, enrolled_with, enrollment_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deviceId, name, mac, osVersion, certificatePem, PasswordHasher.digest(credential), remoteIp,
                clock.millis(), PasswordHasher.digest(token), enrollmentKeyDigest);
    }

    public List<Pending> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM pending_enrollment ORDER BY id", PendingEnrollments::map);
    }

    public Optional<Pending> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM pending_enrollment WHERE id = ?", PendingEnrollments::map,
                id);
    }

    /** Whether {@code credential} belongs to a re-enrollment of {@code deviceId} still waiting for approval. */
    public boolean awaits(long deviceId, String credential) {
        byte[] digest = PasswordHasher.digest(credential).getBytes(StandardCharsets.US_ASCII);
        return jdbc.query("SELECT credential_hash FROM pending_enrollment WHERE device_id = ?",
                        rs -> rs.getString(1), deviceId).stream()
                .anyMatch(hash -> MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), digest));
    }

    public boolean remove(long id) {
        return jdbc.update("DELETE FROM pending_enrollment WHERE id = ?", id) == 1;
    }

    public void removeAllFor(long deviceId) {
        jdbc.update("DELETE FROM pending_enrollment WHERE device_id = ?", deviceId);
    }

    private static Pending map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Pending(rs.getLong("id"), rs.getLong("device_id"), rs.getString("name"), rs.getString("mac"),
                rs.getString("os_version"), rs.getString("certificate_pem"), rs.getString("credential_hash"),
                rs.getString("remote_ip"), rs.getLong("requested_at"));
    }
}
