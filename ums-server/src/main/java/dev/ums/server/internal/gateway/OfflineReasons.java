package dev.ums.server.internal.gateway;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Why a device is offline when the server knows more than "its socket closed" (its gateway is unreachable). */
public final class OfflineReasons {
    private final ConcurrentHashMap<Long, String> reasons = new ConcurrentHashMap<>();

    void set(long deviceId, String reason) {
        reasons.put(deviceId, reason);
    }

    void clear(long deviceId) {
        reasons.remove(deviceId);
    }

    public Optional<String> of(long deviceId) {
        return Optional.ofNullable(reasons.get(deviceId));
    }
}
