package dev.ums.server.internal.device;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.server.internal.db.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Enrolled devices: identity, credential digest, last contact and their shadow settings. */
public final class DeviceStore {
    private static final String COLUMNS = "id, unit_id, name, mac, os_version, certificate_pem, directory_id, "
            + "last_ip, last_contact, route, allow_shadowing, prompt_user, allow_input, secure_port";
    private final Jdbc jdbc;
    private final Clock clock;

    public DeviceStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Device> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM device ORDER BY id", DeviceStore::map);
    }

    public Optional<Device> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM device WHERE id = ?", DeviceStore::map, id);
    }

    /** Enrolls a device, or gives an already enrolled unit a new credential; returns its id. */
    public long enroll(String unitId, String name, String mac, String osVersion, String certificatePem,
                       String credential, ShadowSettings settings) {
        String digest = PasswordHasher.digest(credential);
        Optional<Long> existing = jdbc.queryOne("SELECT id FROM device WHERE unit_id = ?", rs -> rs.getLong(1), unitId);
        if (existing.isPresent()) {
            jdbc.update("UPDATE device SET name = ?, mac = ?, os_version = ?, certificate_pem = ?, credential_hash = ? "
                    + "WHERE id = ?", name, mac, osVersion, certificatePem, digest, existing.get());
            return existing.get();
        }
        return jdbc.insert("INSERT INTO device (unit_id, name, mac, os_version, credential_hash, certificate_pem, "
                        + "allow_shadowing, prompt_user, allow_input, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                unitId, name, mac, osVersion, digest, certificatePem,
                settings.allowShadowing(), settings.promptUser(), settings.allowInput(), clock.millis());
    }

    public boolean credentialMatches(long id, String credential) {
        return jdbc.queryOne("SELECT credential_hash FROM device WHERE id = ?", rs -> rs.getString(1), id)
                .map(hash -> java.security.MessageDigest.isEqual(
                        hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        PasswordHasher.digest(credential).getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    public void contact(long id, String ip, String route, String name, String osVersion, Integer securePort) {
        jdbc.update("UPDATE device SET last_ip = ?, last_contact = ?, route = ?, name = COALESCE(?, name), "
                        + "os_version = COALESCE(?, os_version), secure_port = ? WHERE id = ?",
                ip, clock.millis(), route, name, osVersion, securePort, id);
    }

    public void touch(long id) {
        jdbc.update("UPDATE device SET last_contact = ? WHERE id = ?", clock.millis(), id);
    }

    /** An administrator's settings: they win over whatever the device reports later. */
    public void updateSettings(long id, ShadowSettings s) {
        jdbc.update("UPDATE device SET allow_shadowing = ?, prompt_user = ?, allow_input = ?, settings_source = 'admin' "
                + "WHERE id = ?", s.allowShadowing(), s.promptUser(), s.allowInput(), id);
    }

    /** The settings a device reports at hello, kept unless an administrator has set the device's settings. */
    public void adoptReportedSettings(long id, ShadowSettings s) {
        jdbc.update("UPDATE device SET allow_shadowing = ?, prompt_user = ?, allow_input = ?, settings_source = 'device' "
                + "WHERE id = ? AND settings_source <> 'admin'", s.allowShadowing(), s.promptUser(), s.allowInput(), id);
    }

    public void moveTo(long id, Long directoryId) {
        jdbc.update("UPDATE device SET directory_id = ? WHERE id = ?", directoryId, id);
    }

    private static Integer securePort(ResultSet rs) throws SQLException {
        int port = rs.getInt("secure_port");
        return rs.wasNull() ? null : port;
    }

    private static Device map(ResultSet rs) throws SQLException {
        long dir = rs.getLong("directory_id");
        Long directoryId = rs.wasNull() ? null : dir;
        long contact = rs.getLong("last_contact");
        Long lastContact = rs.wasNull() ? null : contact;
        return new Device(rs.getLong("id"), rs.getString("unit_id"), rs.getString("name"), rs.getString("mac"),
                rs.getString("os_version"), rs.getString("certificate_pem"), directoryId, rs.getString("last_ip"),
                lastContact, rs.getString("route"),
                new ShadowSettings(rs.getBoolean("allow_shadowing"), rs.getBoolean("prompt_user"),
                        rs.getBoolean("allow_input")), securePort(rs));
    }
}
