package dev.ums.server.internal.shadow;

import java.time.Duration;

/**
 * OS 11 one-time session passwords (IMI's {@code shadowSecret.password}): a UUID, valid five minutes, for one
 * device, once. Any presentation uses the password up, so a password shown to the wrong device is gone. Kept in
 * this server's memory ({@link MemorySessionPasswords}) or, for several nodes, in the database, so that a device
 * held by one node can check a password issued on another. Implementations are thread-safe.
 */
public interface SessionPasswords {
    Duration VALIDITY = Duration.ofMinutes(5);

    /** Who may use a password, and the audit entry of its issue. */
    record Grant(long deviceId, String admin, long auditId, long expiresAt) {
    }

    /** Why a password was refused, or the grant it carried. */
    record Verdict(Grant grant, String refusal) {
        public boolean valid() {
            return refusal == null;
        }

        /** The verdict on presenting a password whose grant (null: none) was just taken, at {@code now}. */
        public static Verdict on(Grant grant, long deviceId, long now) {
            if (grant == null) {
                return new Verdict(null, "unknown or already used session password");
            }
            if (grant.deviceId() != deviceId) {
                return new Verdict(grant, "session password issued for device " + grant.deviceId());
            }
            if (now > grant.expiresAt()) {
                return new Verdict(grant, "session password expired");
            }
            return new Verdict(grant, null);
        }
    }

    /** A new password for {@code admin} on {@code deviceId}, valid {@link #VALIDITY}. */
    String issue(long deviceId, String admin, long auditId);

    /** Takes the password, whatever the verdict: it can never be presented again. */
    Verdict use(long deviceId, String password);

    /** Forgets expired passwords (the housekeeping thread). */
    void expire();
}
