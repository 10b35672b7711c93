package dev.ums.server.internal.device;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.server.internal.db.Jdbc;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolls a device that shows a valid enrollment token, directly or through a gateway, and hands out its
 * credential. Never hands out an enrolled device's identity: a known unit id enrolling again becomes a
 * pending re-enrollment for an administrator to decide, unless it repeats, with the same token and enrollment key,
 * an enrollment whose answer never reached it ({@link RepeatedEnrollments}). Any thread may call it.
 */
public record Enroller(Jdbc jdbc, EnrollmentTokenStore tokens, DeviceStore devices, PendingEnrollments pending,
                       RepeatedEnrollments repeats) {
    private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);
    private static final int ATTEMPTS = 3;

    /** Cheap check before anything is read or written: whether the token could enroll a device now. */
    public boolean acceptsToken(String token) {
        return tokens.isValid(token) || repeats.mayRepeat(token);
    }

    public EnrollmentOutcome enroll(String token, EnrollmentRequest request, String remoteIp) {
        if (!acceptsToken(token)) {
            return new EnrollmentOutcome.Refused(EnrollmentOutcome.Refusal.BAD_TOKEN);
        }
        if (request == null || request.unitId() == null || request.unitId().isBlank()
                || request.name() == null || request.name().isBlank()) {
            return new EnrollmentOutcome.Refused(EnrollmentOutcome.Refusal.INCOMPLETE);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                EnrollmentOutcome outcome = jdbc.transaction(tx -> enrollIn(tx, token, request, remoteIp));
                log(outcome, request, remoteIp);
                return outcome;
            } catch (Jdbc.DataAccessException e) {
                // a concurrent enrollment took the unit id or the name: the next attempt sees it
                if (!e.isUniqueViolation() || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private EnrollmentOutcome enrollIn(Jdbc tx, String token, EnrollmentRequest request, String remoteIp) {
        DeviceStore store = devices.within(tx);
        PendingEnrollments waiting = pending.within(tx);
        Optional<Device> existing = store.findByUnit(request.unitId());
        String credential = RandomTokens.newToken();
        if (existing.isPresent() && !tokens.isRevoked(tx, token)) {
            Optional<EnrollmentOutcome> again = repeats.within(tx).answerAgain(token, request, existing.get(),
                    credential);
            if (again.isPresent()) {
                return again.get();
            }
        }
        if (existing.isPresent() && waiting.countFor(existing.get().id()) >= PendingEnrollments.MAX_PER_DEVICE) {
            return new EnrollmentOutcome.Refused(EnrollmentOutcome.Refusal.TOO_MANY_PENDING);
        }
        if (!tokens.use(tx, token)) {
            return new EnrollmentOutcome.Refused(EnrollmentOutcome.Refusal.BAD_TOKEN);
        }
        if (existing.isPresent()) {
            long deviceId = existing.get().id();
            long pendingId = waiting.add(deviceId, request.name(), request.mac(), request.osVersion(),
                    request.certificate(), credential, remoteIp, token, RepeatedEnrollments.keyDigest(request));
            return new EnrollmentOutcome.AwaitingApproval(new Enrollment(String.valueOf(deviceId), credential),
                    pendingId);
        }
        String name = store.freeName(request.name(), request.unitId(), -1);
        long id = store.insert(request.unitId(), name, request.mac(), request.osVersion(), request.certificate(),
                credential, token, RepeatedEnrollments.keyDigest(request), ShadowSettings.DEFAULTS);
        return new EnrollmentOutcome.Enrolled(new Enrollment(String.valueOf(id), credential));
    }

    private static void log(EnrollmentOutcome outcome, EnrollmentRequest request, String remoteIp) {
        if (outcome instanceof EnrollmentOutcome.Enrolled e) {
            LOG.info("device {} enrolled as {} from {}", request.name(), e.enrollment().deviceId(), remoteIp);
        } else if (outcome instanceof EnrollmentOutcome.AwaitingApproval a) {
            LOG.warn("unit {} (device {}) enrolled again from {} as \"{}\": re-enrollment {} waits for an "
                    + "administrator", request.unitId(), a.enrollment().deviceId(), remoteIp, request.name(),
                    a.pendingId());
        }
    }
}
