package dev.ums.server.internal.device;

import dev.ums.server.internal.db.Jdbc;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An administrator's decision on a pending re-enrollment. Approval gives the device the new credential,
 * name, MAC and certificate, revokes the old credential (its live connection is closed) and drops the
 * device's other waiting re-enrollments; rejection drops the one. Any thread may call it.
 */
public record Reenrollments(Jdbc jdbc, DeviceStore devices, PendingEnrollments pending, LongConsumer disconnect) {
    private static final Logger LOG = LoggerFactory.getLogger(Reenrollments.class);

    /** The device's identity after approval. */
    public record Approved(long deviceId, String name) {
    }

    /** {@code disconnect} closes the live connection of a device whose credential was replaced. */

    /** Empty when no re-enrollment with this id waits (already decided, or never made). */
    public Optional<Approved> approve(long pendingId, String admin) {
        Optional<Approved> approved = jdbc.transaction(tx -> {
            PendingEnrollments waiting = pending.within(tx);
            Optional<PendingEnrollments.Pending> found = waiting.find(pendingId);
            if (found.isEmpty()) {
                return Optional.<Approved>empty();
            }
            PendingEnrollments.Pending p = found.get();
            DeviceStore store = devices.within(tx);
            Optional<Device> device = store.find(p.deviceId());
            if (device.isEmpty()) {
                waiting.removeAllFor(p.deviceId());
                return Optional.<Approved>empty();
            }
            String name = store.freeName(p.name(), device.get().unitId(), p.deviceId());
            store.replaceIdentity(p.deviceId(), name, p.mac(), p.osVersion(), p.certificatePem(), p.credentialHash());
            waiting.removeAllFor(p.deviceId());
            return Optional.of(new Approved(p.deviceId(), name));
        });
        approved.ifPresent(a -> {
            LOG.info("{} approved re-enrollment {}: device {} now holds the new credential", admin, pendingId,
                    a.deviceId());
            disconnect.accept(a.deviceId());
        });
        return approved;
    }

    public boolean reject(long pendingId, String admin) {
        boolean removed = pending.remove(pendingId);
        if (removed) {
            LOG.info("{} rejected re-enrollment {}", admin, pendingId);
        }
        return removed;
    }
}
