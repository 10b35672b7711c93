package dev.ums.server.internal.device;

import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.server.internal.db.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tokens devices may enroll with. Those admins create are stored as digests only, single-use unless made
 * with more uses, and expire (7 days unless told otherwise). The one from the server's environment
 * ({@code UMS_ENROLLMENT_TOKEN}) is a first-setup convenience: unlimited until the variable is removed.
 * Any thread may call it.
 */
public final class EnrollmentTokenStore {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    public static final int MAX_USES = 10_000;
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);

    private final Jdbc jdbc;
    private final Clock clock;
    private final String environmentToken;

    public EnrollmentTokenStore(Jdbc jdbc, Clock clock, String environmentToken) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.environmentToken = environmentToken == null || environmentToken.isBlank() ? null : environmentToken;
    }

    /** A token as admins see it: {@code token} is the secret, present only in the answer that created it. */
    public record TokenInfo(String id, String token, String createdBy, String createdAt, boolean revoked,
                            Integer maxUses, int uses, String expiresAt) {
    }

    /** Whether {@code token} could enroll a device now; uses nothing up. */
    public boolean isValid(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        if (isEnvironmentToken(token)) {
            return true;
        }
        return jdbc.queryOne("SELECT id FROM enrollment_token WHERE token_hash = ? AND revoked = FALSE "
                        + "AND (max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > ?)",
                rs -> rs.getLong(1), PasswordHasher.digest(token), clock.millis()).isPresent();
    }

    /**
     * Uses {@code token} once, atomically: of concurrent callers holding a single-use token exactly one gets
     * true. Inside a transaction that rolls back, the use is given back.
     */
    public boolean use(Jdbc tx, String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        if (isEnvironmentToken(token)) {
            return true;
        }
        return tx.update("UPDATE enrollment_token SET uses = uses + 1 WHERE token_hash = ? AND revoked = FALSE "
                        + "AND (max_uses IS NULL OR uses < max_uses) AND (expires_at IS NULL OR expires_at > ?)",
                PasswordHasher.digest(token), clock.millis()) == 1;
    }

    /** Whether {@code token} was revoked, or is not known at all (the server's own token never is revoked). */
    public boolean isRevoked(Jdbc tx, String token) {
        if (token == null || token.isEmpty()) {
            return true;
        }
        if (isEnvironmentToken(token)) {
            return false;
        }
        return tx.queryOne("SELECT revoked FROM enrollment_token WHERE token_hash = ?", rs -> rs.getBoolean(1),
                PasswordHasher.digest(token)).orElse(true);
    }

    /** Creates a token for {@code maxUses} enrollments, valid for {@code validity}. */
    public TokenInfo create(String admin, int maxUses, Duration validity) {
        if (maxUses < 1 || maxUses > MAX_USES) {
            throw new IllegalArgumentException("uses out of range: " + maxUses);
        }
        String token = RandomTokens.newToken();
        long now = clock.millis();
        long expires = now + validity.toMillis();
        long id = jdbc.insert("INSERT INTO enrollment_token (token_hash, created_by, created_at, revoked, max_uses, "
                + "uses, expires_at) VALUES (?, ?, ?, FALSE, ?, 0, ?)", PasswordHasher.digest(token), admin, now,
                maxUses, expires);
        return new TokenInfo(String.valueOf(id), token, admin, Instant.ofEpochMilli(now).toString(), false, maxUses,
                0, Instant.ofEpochMilli(expires).toString());
    }

    public List<TokenInfo> list() {
        return jdbc.query("SELECT id, created_by, created_at, revoked, max_uses, uses, expires_at "
                + "FROM enrollment_token ORDER BY id", EnrollmentTokenStore::map);
    }

    public boolean revoke(long id) {
        return jdbc.update("UPDATE enrollment_token SET revoked = TRUE WHERE id = ?", id) == 1;
    }

    private boolean isEnvironmentToken(String token) {
        return environmentToken != null && MessageDigest.isEqual(environmentToken.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static TokenInfo map(ResultSet rs) throws SQLException {
        int max = rs.getInt("max_uses");
        Integer maxUses = rs.wasNull() ? null : max;
        long expires = rs.getLong("expires_at");
        String expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires).toString();
        return new TokenInfo(String.valueOf(rs.getLong("id")), null, rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")).toString(), rs.getBoolean("revoked"), maxUses,
                rs.getInt("uses"), expiresAt);
    }
}
