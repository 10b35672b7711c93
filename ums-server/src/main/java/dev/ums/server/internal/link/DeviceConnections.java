package dev.ums.server.internal.link;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Which devices are online right now: exactly those with a live link. A newer link replaces an older one. */
public final class DeviceConnections {
    private final ConcurrentHashMap<Long, DeviceLink> live = new ConcurrentHashMap<>();

    public void register(DeviceLink link) {
        DeviceLink previous = live.put(link.deviceId(), link);
        if (previous != null && previous != link) {
            previous.close("replaced by a newer connection of the same device");
        }
    }

    /** Removes the link if it is still the device's current one; answers whether it was. */
    public boolean unregister(DeviceLink link) {
        return live.remove(link.deviceId(), link);
    }

    public Optional<DeviceLink> get(long deviceId) {
        return Optional.ofNullable(live.get(deviceId));
    }

    public boolean isOnline(long deviceId) {
        return live.containsKey(deviceId);
    }

    public int count() {
        return live.size();
    }

    /** The links that match, for example all devices behind one gateway. */
    public List<DeviceLink> matching(Predicate<DeviceLink> filter) {
        return live.values().stream().filter(filter).toList();
    }

    public void closeAll(String reason) {
        live.values().forEach(c -> c.close(reason));
        live.clear();
    }
}
