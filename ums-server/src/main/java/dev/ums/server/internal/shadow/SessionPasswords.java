package dev.ums.server.internal.shadow;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OS 11 one-time session passwords (IMI's {@code shadowSecret.password}): a UUID, valid five minutes, for one
 * device, once. Any presentation uses the password up, so a password shown to the wrong device is gone.
 */
public final class SessionPasswords {
    public static final Duration VALIDITY = Duration.ofMinutes(5);

    /** Who may use a password, and the audit entry of its issue. */
    public record Grant(long deviceId, String admin, long auditId, long expiresAt) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Grant> grants = new ConcurrentHashMap<>();

    public SessionPasswords(Clock clock) {
        this.clock = clock;
    }

    public String issue(long deviceId, String admin, long auditId) {
        String password = UUID.randomUUID().toString();
        grants.put(password, new Grant(deviceId, admin, auditId, clock.millis() + VALIDITY.toMillis()));
        return password;
    }

    /** Why a password was refused, or the grant it carried. */
    public record Verdict(Grant grant, String refusal) {
        public boolean valid() {
            return refusal == null;
        }
    }

    public Verdict use(long deviceId, String password) {
        Grant grant = password == null ? null : grants.remove(password);
        if (grant == null) {
            return new Verdict(null, "unknown or already used session password");
        }
        if (grant.deviceId() != deviceId) {
            return new Verdict(grant, "session password issued for device " + grant.deviceId());
        }
        if (clock.millis() > grant.expiresAt()) {
            return new Verdict(grant, "session password expired");
        }
        return new Verdict(grant, null);
    }

    public void expire() {
        long now = clock.millis();
        grants.values().removeIf(g -> now > g.expiresAt());
    }
}
