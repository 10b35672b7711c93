package dev.ums.server.internal.device;

import dev.ums.protocol.imi.EnrollmentToken;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.server.internal.db.Jdbc;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Tokens devices may enroll with: the one from the server's environment ({@code UMS_ENROLLMENT_TOKEN}) and
 * those admins create and revoke through the REST API (stored as digests only).
 */
public final class EnrollmentTokenStore {
    private final Jdbc jdbc;
    private final Clock clock;
    private final String environmentToken;

    public EnrollmentTokenStore(Jdbc jdbc, Clock clock, String environmentToken) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.environmentToken = environmentToken == null || environmentToken.isBlank() ? null : environmentToken;
    }

    public boolean isValid(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        if (environmentToken != null && MessageDigest.isEqual(environmentToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        return jdbc.queryOne("SELECT id FROM enrollment_token WHERE token_hash = ? AND revoked = FALSE",
                rs -> rs.getLong(1), PasswordHasher.digest(token)).isPresent();
    }

    public EnrollmentToken create(String admin) {
        String token = RandomTokens.newToken();
        long now = clock.millis();
        long id = jdbc.insert("INSERT INTO enrollment_token (token_hash, created_by, created_at, revoked) "
                + "VALUES (?, ?, ?, FALSE)", PasswordHasher.digest(token), admin, now);
        return new EnrollmentToken(String.valueOf(id), token, admin, Instant.ofEpochMilli(now).toString(), false);
    }

    public List<EnrollmentToken> list() {
        return jdbc.query("SELECT id, created_by, created_at, revoked FROM enrollment_token ORDER BY id",
                rs -> new EnrollmentToken(String.valueOf(rs.getLong(1)), null, rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)).toString(), rs.getBoolean(4)));
    }

    public boolean revoke(long id) {
        return jdbc.update("UPDATE enrollment_token SET revoked = TRUE WHERE id = ?", id) == 1;
    }
}
