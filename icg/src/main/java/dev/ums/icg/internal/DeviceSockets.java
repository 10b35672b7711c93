package dev.ums.icg.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices connected to this gateway right now, by device id; a newer socket replaces an older one. Each socket is
 * closed after {@code idleLimit} without a frame either way. Any thread.
 */
public final class DeviceSockets {
    private final ConcurrentHashMap<String, DeviceSocket> live = new ConcurrentHashMap<>();
    private final Duration idleLimit;

    public DeviceSockets(Duration idleLimit) {
        this.idleLimit = idleLimit;
    }

    Duration idleLimit() {
        return idleLimit;
    }

    void register(DeviceSocket socket) {
        DeviceSocket previous = live.put(socket.deviceId(), socket);
        if (previous != null && previous != socket) {
            previous.close("replaced by a newer connection of the same device");
        }
    }

    boolean unregister(DeviceSocket socket) {
        return live.remove(socket.deviceId(), socket);
    }

    DeviceSocket get(String deviceId) {
        return live.get(deviceId);
    }

    Collection<DeviceSocket> all() {
        return live.values();
    }

    public int count() {
        return live.size();
    }

    void closeAll(String reason) {
        live.values().forEach(s -> s.close(reason));
    }
}
