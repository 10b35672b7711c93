package dev.ums.server.internal.device;

import dev.ums.protocol.imi.IndicatorPosition;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.server.internal.db.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Enrolled devices: identity, credential digest, last contact and their shadow settings. Names are unique
 * regardless of case. Any thread may call it.
 */
public record DeviceStore(Jdbc jdbc, Clock clock) {
    private static final String COLUMNS = "id, unit_id, name, mac, os_version, certificate_pem, directory_id, "
            + "last_ip, last_contact, route, allow_shadowing, prompt_user, allow_input, secure_port, "
            + "allow_user_disconnect, indicator_position";

    public List<Device> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM device ORDER BY id", DeviceStore::map);
    }

    public Optional<Device> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM device WHERE id = ?", DeviceStore::map, id);
    }

    /** The same store working inside the transaction {@code tx}. */
    public DeviceStore within(Jdbc tx) {
        return new DeviceStore(tx, clock);
    }

    public Optional<Device> findByUnit(String unitId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM device WHERE unit_id = ?", DeviceStore::map, unitId);
    }

    /**
     * Stores a new device with the digests of its credential, of the token it enrolled with and of its enrollment key
     * (null without one), and returns its id. The name must be free
     * ({@link #freeName}); a concurrent enrollment that took it or the unit id makes this throw a unique
     * violation.
     */
    public long insert(String unitId, String name, String mac, String osVersion, String certificatePem,
                       String credential, String token, String enrollmentKeyDigest, ShadowSettings settings) {
        return jdbc.insert("INSERT INTO device (unit_id, name, name_key, mac, os_version, credential_hash, "
                        + "certificate_pem, allow_shadowing, prompt_user, allow_input, created_at, enrolled_with, "
                        + "enrollment_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                unitId, name, nameKey(name), mac, osVersion, PasswordHasher.digest(credential), certificatePem,
                settings.allowShadowing(), settings.promptUser(), settings.allowInput(), clock.millis(),
                PasswordHasher.digest(token), enrollmentKeyDigest);
    }

    /**
     * {@code wanted} if no other device bears that name (case ignored), else the name with the unit id
     * appended, so two devices are never shown under one name.
     */
    public String freeName(String wanted, String unitId, long exceptDeviceId) {
        if (isFree(wanted, exceptDeviceId)) {
            return wanted;
        }
        String base = wanted.length() > 130 ? wanted.substring(0, 130) : wanted;
        String withUnit = base + " (" + unitId + ")";
        for (int n = 2; !isFree(withUnit, exceptDeviceId); n++) {
            withUnit = base + " (" + unitId + ", " + n + ")";
        }
        return withUnit;
    }

    private boolean isFree(String name, long exceptDeviceId) {
        return jdbc.queryOne("SELECT id FROM device WHERE name_key = ? AND id <> ?", rs -> rs.getLong(1),
                nameKey(name), exceptDeviceId).isEmpty();
    }

    /** Gives an approved re-enrollment the device: its credential, name, MAC, OS and certificate. */
    public void replaceIdentity(long id, String name, String mac, String osVersion, String certificatePem,
                                String credentialHash) {
        jdbc.update("UPDATE device SET name = ?, name_key = ?, mac = ?, os_version = ?, certificate_pem = ?, "
                        + "credential_hash = ? WHERE id = ?",
                name, nameKey(name), mac, osVersion, certificatePem, credentialHash, id);
    }

    /** The key under which names are unique: trimmed and lower-cased. */
    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    public boolean credentialMatches(long id, String credential) {
        return jdbc.queryOne("SELECT credential_hash FROM device WHERE id = ?", rs -> rs.getString(1), id)
                .map(hash -> java.security.MessageDigest.isEqual(
                        hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        PasswordHasher.digest(credential).getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    /**
     * Records a device's hello. A reported name is taken only while no other device bears it: a device
     * cannot rename itself to another device's name. Answers whether a reported name was refused.
     */
    public boolean contact(long id, String ip, String route, String name, String osVersion, Integer securePort) {
        if (name != null && !name.isBlank() && updateKeepingName(id, ip, route, name, osVersion, securePort)) {
            return false;
        }
        boolean nameFree = name == null || name.isBlank() || isFree(name, id);
        String newName = nameFree && name != null && !name.isBlank() ? name : null;
        try {
            update(id, ip, route, newName, osVersion, securePort);
        } catch (Jdbc.DataAccessException e) {
            if (!e.isUniqueViolation() || newName == null) {
                throw e;
            }
            update(id, ip, route, null, osVersion, securePort);
            return true;
        }
        return !nameFree;
    }

    private void update(long id, String ip, String route, String name, String osVersion, Integer securePort) {
        jdbc.update("UPDATE device SET last_ip = ?, last_contact = ?, route = ?, name = COALESCE(?, name), "
                        + "name_key = COALESCE(?, name_key), os_version = COALESCE(?, os_version), secure_port = ? "
                        + "WHERE id = ?",
                ip, clock.millis(), route, name, name == null ? null : nameKey(name), osVersion, securePort, id);
    }

    /**
     * The usual hello of a device reconnecting: it reports the name it already bears, so no other device's names need
     * reading. One statement; answers whether the device bore exactly that name.
     */
    private boolean updateKeepingName(long id, String ip, String route, String name, String osVersion,
                                      Integer securePort) {
        return jdbc.update("UPDATE device SET last_ip = ?, last_contact = ?, route = ?, "
                        + "os_version = COALESCE(?, os_version), secure_port = ? WHERE id = ? AND name = ?",
                ip, clock.millis(), route, osVersion, securePort, id, name) == 1;
    }

    public void touch(long id) {
        jdbc.update("UPDATE device SET last_contact = ? WHERE id = ?", clock.millis(), id);
    }

    /** An administrator's settings: they win over whatever the device reports later. */
    public void updateSettings(long id, ShadowSettings s) {
        jdbc.update("UPDATE device SET allow_shadowing = ?, prompt_user = ?, allow_input = ?, allow_user_disconnect = ?, "
                + "indicator_position = ?, settings_source = 'admin' WHERE id = ?", s.allowShadowing(), s.promptUser(),
                s.allowInput(), s.allowUserDisconnect(), s.indicatorPosition().name(), id);
    }

    /** The settings a device reports at hello, kept unless an administrator has set the device's settings. */
    public void adoptReportedSettings(long id, ShadowSettings s) {
        // only a change writes: a device reports the same settings at every reconnect
        jdbc.update("UPDATE device SET allow_shadowing = ?, prompt_user = ?, allow_input = ?, settings_source = 'device' "
                + "WHERE id = ? AND settings_source <> 'admin' AND (settings_source <> 'device' OR allow_shadowing <> ? "
                + "OR prompt_user <> ? OR allow_input <> ?)", s.allowShadowing(), s.promptUser(), s.allowInput(), id,
                s.allowShadowing(), s.promptUser(), s.allowInput());
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
                        rs.getBoolean("allow_input"), rs.getBoolean("allow_user_disconnect"),
                        IndicatorPosition.valueOf(rs.getString("indicator_position"))), securePort(rs));
    }
}
