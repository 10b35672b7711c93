package dev.ums.icg.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices connected to this gateway right now, by device id; a newer socket replaces an older one. Each socket is
 * closed after {@code idleLimit} without a frame either way. Any thread.
 */
public final class DeviceSockets {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSockets.class);
    private static final Duration LONGEST_BEAT = Duration.ofSeconds(15);
    private final ConcurrentHashMap<String, DeviceSocket> live = new ConcurrentHashMap<>();
    private final Duration idleLimit;

    public DeviceSockets(Duration idleLimit) {
        this.idleLimit = idleLimit;
    }

    Duration idleLimit() {
        return idleLimit;
    }

    /**
     * How often {@link #beatHeldBack()} runs: four beats to an idle limit, and at most 15 s, so that a device, which
     * leaves a link silent for three of the heartbeat intervals the server names (20 s), hears from the gateway well
     * within that.
     */
    public Duration heldBackBeatPeriod() {
        Duration quarter = idleLimit.dividedBy(4);
        return quarter.compareTo(LONGEST_BEAT) < 0 ? quarter : LONGEST_BEAT;
    }

    /** Beats to each device whose next message the gateway holds back for the server. */
    public void beatHeldBack() {
        for (DeviceSocket socket : live.values()) {
            try {
                socket.beatIfHeldBack();
            } catch (RuntimeException e) {
                // one socket's failure must not end the beats of the others (a scheduled task that throws stops)
                LOG.warn("could not beat to device {}", socket.deviceId(), e);
            }
        }
    }

    void register(DeviceSocket socket) {
        DeviceSocket previous = live.put(socket.deviceId(), socket);
        if (previous != null && previous != socket) {
            previous.close("replaced by a newer connection of the same device");
        }
    }

    /**
     * Closes the device's socket as the server asked and forgets it, so that its close sends the server no
     * {@code device.down}, a relinking server is not told of it, and nothing more is sent to it; false when no socket
     * of that device is connected.
     */
    boolean closeForServer(String deviceId, String reason) {
        DeviceSocket socket = live.get(deviceId);
        if (socket == null || !live.remove(deviceId, socket)) {
            return false;
        }
        socket.closeForServer(reason);
        return true;
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
