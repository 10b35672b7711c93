package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.Reenrollment;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.PendingEnrollments;
import dev.ums.server.internal.device.Reenrollments;
import dev.ums.server.internal.link.DeviceConnections;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Optional;

/**
 * Re-enrollments waiting for an administrator: list them, approve one (the device takes the new
 * credential; the old one stops working) or reject one.
 */
public record ReenrollmentRoutes(PendingEnrollments pending, Reenrollments decisions, DeviceStore devices,
                                 DeviceConnections connections) {
    private static final String ONE = "/umsapi/v3/reenrollments/(\\d+)";

    public void register(Router router) {
        router.secured("GET", "/umsapi/v3/reenrollments", (ex, m) ->
                ex.ok(pending.all().stream().map(this::view).toList()));
        router.secured("POST", ONE + "/approve", (ex, m) -> {
            Reenrollments.Approved approved = decisions.approve(Long.parseLong(m.group(1)), ex.user())
                    .orElseThrow(() -> notWaiting(m.group(1)));
            ex.ok(new Message("device " + approved.deviceId() + " (" + approved.name()
                    + ") now uses the re-enrolled credential; the old one is revoked"));
        });
        router.secured("POST", ONE + "/reject", (ex, m) -> {
            if (!decisions.reject(Long.parseLong(m.group(1)), ex.user())) {
                throw notWaiting(m.group(1));
            }
            ex.ok(new Message("re-enrollment " + m.group(1) + " rejected"));
        });
    }

    private Reenrollment view(PendingEnrollments.Pending p) {
        Optional<Device> device = devices.find(p.deviceId());
        return new Reenrollment(String.valueOf(p.id()), String.valueOf(p.deviceId()),
                device.map(Device::unitId).orElse(null), device.map(Device::name).orElse(null),
                connections.isOnline(p.deviceId()), p.name(), p.mac(), p.osVersion(), fingerprint(p.certificatePem()),
                p.remoteIp(), Instant.ofEpochMilli(p.requestedAt()).toString());
    }

    private static String fingerprint(String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try {
            return Fingerprints.sha256(SelfSignedIdentity.Pem.decode(pem));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static ApiException notWaiting(String id) {
        return new ApiException(404, "no re-enrollment with id " + id + " is waiting");
    }
}
