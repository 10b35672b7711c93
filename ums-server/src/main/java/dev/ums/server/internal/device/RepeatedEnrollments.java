package dev.ums.server.internal.device;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.server.internal.db.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An enrollment repeated because its answer never reached the device: a gateway that stopped waiting while the
 * server still committed, a connection lost after the commit. The token was used up by the first attempt, so the
 * device would otherwise be locked out (a single-use token) or wait for an administrator (a known unit id). A repeat
 * with the same token, not revoked since, within {@link #WINDOW} of the first answer, from the same unit id with the
 * same certificate and the same enrollment key (the device's own secret, which no other holder of the token knows),
 * is answered again: the same device, or the same waiting re-enrollment, with a new credential that replaces the
 * first. Only while the device has never connected: a credential that reached its device is never replaced this
 * way. The token counts once. Any thread.
 */
public record RepeatedEnrollments(Jdbc jdbc, Clock clock) {
    /** How long after an enrollment its token may repeat it. */
    public static final Duration WINDOW = Duration.ofMinutes(10);

    public RepeatedEnrollments within(Jdbc tx) {
        return new RepeatedEnrollments(tx, clock);
    }

    /** Cheap check before anything is read: whether {@code token} made an enrollment that could still be repeated. */
    public boolean mayRepeat(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        String digest = PasswordHasher.digest(token);
        long since = since();
        return jdbc.queryOne("SELECT id FROM device WHERE enrolled_with = ? AND last_contact IS NULL "
                        + "AND created_at > ?", rs -> rs.getLong(1), digest, since).isPresent()
                || jdbc.queryOne("SELECT id FROM pending_enrollment WHERE enrolled_with = ? AND requested_at > ?",
                        rs -> rs.getLong(1), digest, since).isPresent();
    }

    /**
     * The answer again, with a new credential, if {@code request} repeats an enrollment of {@code existing} that
     * {@code token} made; empty if it does not (then it is a new enrollment or a re-enrollment). The caller has
     * checked that the token is not revoked.
     */
    public Optional<EnrollmentOutcome> answerAgain(String token, EnrollmentRequest request, Device existing,
                                                   String credential) {
        String key = keyDigest(request);
        if (key == null) {
            return Optional.empty();
        }
        String digest = PasswordHasher.digest(token);
        String credentialHash = PasswordHasher.digest(credential);
        Enrollment enrollment = new Enrollment(String.valueOf(existing.id()), credential);
        if (Objects.equals(existing.certificatePem(), request.certificate())
                && jdbc.update("UPDATE device SET credential_hash = ? WHERE id = ? AND enrolled_with = ? "
                        + "AND enrollment_key = ? AND last_contact IS NULL AND created_at > ?", credentialHash,
                existing.id(), digest, key, since()) == 1) {
            return Optional.of(new EnrollmentOutcome.Enrolled(enrollment));
        }
        Optional<Long> waiting = jdbc.query("SELECT id, certificate_pem FROM pending_enrollment WHERE device_id = ? "
                        + "AND enrolled_with = ? AND enrollment_key = ? AND requested_at > ? ORDER BY id DESC",
                rs -> Objects.equals(rs.getString("certificate_pem"), request.certificate())
                        ? Optional.of(rs.getLong("id")) : Optional.<Long>empty(),
                existing.id(), digest, key, since()).stream().flatMap(Optional::stream).findFirst();
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("UPDATE pending_enrollment SET credential_hash = ? WHERE id = ?", credentialHash, waiting.get());
        return Optional.of(new EnrollmentOutcome.AwaitingApproval(enrollment, waiting.get()));
    }

    /** The digest stored for a request's enrollment key; null for a request without one. */
    static String keyDigest(EnrollmentRequest request) {
        String key = request.enrollmentKey();
        return key == null || key.isEmpty() ? null : PasswordHasher.digest(key);
    }

    private long since() {
        return clock.millis() - WINDOW.toMillis();
    }
}
