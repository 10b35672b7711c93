package dev.ums.server.internal.link;

import dev.ums.protocol.up.UpMessage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which devices are online: those with a live link to this server, and, in a cluster, those another node holds
 * ({@link OtherNodes}). A newer link replaces an older one. Which sessions each device was asked about is kept here
 * too, whichever of its links carried the question. Thread-safe.
 */
public final class DeviceConnections {
    private final ConcurrentHashMap<Long, DeviceLink> live = new ConcurrentHashMap<>();
    private final OtherNodes others;
    private final AskedSessions asked = new AskedSessions();

    public DeviceConnections() {
        this(OtherNodes.NONE);
    }

    public DeviceConnections(OtherNodes others) {
        this.others = others;
    }

    public void register(DeviceLink link) {
        DeviceLink previous = live.put(link.deviceId(), link);
        if (previous != null && previous != link) {
            previous.close("replaced by a newer connection of the same device");
        }
        others.arrived(link);
    }

    /** Removes the link if it is still the device's current one; answers whether it was. */
    public boolean unregister(DeviceLink link) {
        boolean removed = live.remove(link.deviceId(), link);
        if (removed) {
            others.left(link.deviceId());
        }
        return removed;
    }

    /** The device's link to this server; a {@code shadow.open} sent on it is recorded ({@link #answered}). */
    public Optional<DeviceLink> get(long deviceId) {
        return Optional.ofNullable(live.get(deviceId)).map(this::recording);
    }

    /** The device's link to this server, else through the node that holds it (which records what it sends). */
    public Optional<DeviceLink> reach(long deviceId) {
        DeviceLink local = live.get(deviceId);
        return local != null ? Optional.of(recording(local)) : others.reach(deviceId);
    }

    private DeviceLink recording(DeviceLink link) {
        return new AskRecordingLink(link, asked);
    }

    /**
     * Takes a device's {@code shadow.result}: true when a {@code shadow.open} of this session went to this device
     * through this server and was not answered yet; false for another device's session, an unknown one, or a second
     * answer.
     */
    public boolean answered(long deviceId, String sessionId, boolean accepted) {
        return asked.answered(deviceId, sessionId, accepted);
    }

    /** Takes a device's {@code shadow.closed}: true when the session is one this device was asked about. */
    public boolean closed(long deviceId, String sessionId) {
        return asked.closed(deviceId, sessionId);
    }

    /** See {@link OtherNodes#brokerElsewhere}; empty while this server holds the device itself. */
    public Optional<CompletableFuture<BrokeredSession>> brokerElsewhere(long deviceId, String admin, String client,
                                                                        boolean viewOnly, boolean bridged) {
        return live.containsKey(deviceId) ? Optional.empty()
                : others.brokerElsewhere(deviceId, admin, client, viewOnly, bridged);
    }

    /** See {@link OtherNodes#forward}. */
    public boolean forward(long deviceId, UpMessage message) {
        return others.forward(deviceId, message);
    }

    /** Whether this server or another node holds the device. */
    public boolean isOnline(long deviceId) {
        return live.containsKey(deviceId) || others.isOnline(deviceId);
    }

    /** Devices linked to this server. */
    public int count() {
        return live.size();
    }

    /** The links that match, for example all devices behind one gateway. */
    public List<DeviceLink> matching(Predicate<DeviceLink> filter) {
        return live.values().stream().filter(filter).toList();
    }

    /** The links to this server, for taking them up again after a pause. */
    public List<DeviceLink> all() {
        return List.copyOf(live.values());
    }

    public void closeAll(String reason) {
        live.values().forEach(c -> c.close(reason));
        live.clear();
    }
}
