package dev.ums.server.internal.up;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which devices are online right now: exactly those with an open UP socket. A newer socket replaces an older one. */
public final class DeviceConnections {
    private final ConcurrentHashMap<Long, UpConnection> live = new ConcurrentHashMap<>();

    public void register(UpConnection connection) {
        UpConnection previous = live.put(connection.deviceId(), connection);
        if (previous != null && previous != connection) {
            previous.close("replaced by a newer connection of the same device");
        }
    }

    public void unregister(UpConnection connection) {
        live.remove(connection.deviceId(), connection);
    }

    public Optional<UpConnection> get(long deviceId) {
        return Optional.ofNullable(live.get(deviceId));
    }

    public boolean isOnline(long deviceId) {
        return live.containsKey(deviceId);
    }

    public int count() {
        return live.size();
    }

    public void closeAll(String reason) {
        live.values().forEach(c -> c.close(reason));
        live.clear();
    }
}
