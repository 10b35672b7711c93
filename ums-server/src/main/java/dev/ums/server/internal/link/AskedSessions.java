package dev.ums.server.internal.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which shadow sessions each device was asked about (a {@code shadow.open} went to it) and where each stands, so that
 * a device's {@code shadow.result} and {@code shadow.closed} count only for its own sessions: a device cannot answer,
 * or end, a session of another device, nor answer one of its own twice. At most {@value #PER_DEVICE} sessions per
 * device are remembered, the oldest forgotten first. Thread-safe: brokers record on request threads, devices' socket
 * threads check.
 */
final class AskedSessions {
    /** At least as many as the server lets wait for answers at once (ShadowBroker's 1,000), all for one device. */
    static final int PER_DEVICE = 1024;

    /** Where a session a device was asked about stands. */
    enum Stage {
        /** The {@code shadow.open} went out; the device's answer is due. */
        ASKED,
        /** The device accepted; its {@code shadow.closed} may come. */
        ACCEPTED
    }

    private final ConcurrentHashMap<Long, Map<String, Stage>> byDevice = new ConcurrentHashMap<>();

    void asked(long deviceId, String sessionId) {
        Map<String, Stage> sessions = byDevice.computeIfAbsent(deviceId, id -> new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Stage> eldest) {
                return size() > PER_DEVICE;
            }
        });
        synchronized (sessions) {
            sessions.put(sessionId, Stage.ASKED);
        }
    }

    /** Takes the device's answer: true when the session is the device's and waits for it; an acceptance is kept. */
    boolean answered(long deviceId, String sessionId, boolean accepted) {
        Map<String, Stage> sessions = byDevice.get(deviceId);
        if (sessions == null) {
            return false;
        }
        synchronized (sessions) {
            if (sessions.get(sessionId) != Stage.ASKED) {
                return false;
            }
            if (accepted) {
                sessions.put(sessionId, Stage.ACCEPTED);
            } else {
                sessions.remove(sessionId);
            }
            return true;
        }
    }

    /** Takes the device's word that a session ended: true when it was the device's session, which is then forgotten. */
    boolean closed(long deviceId, String sessionId) {
        Map<String, Stage> sessions = byDevice.get(deviceId);
        if (sessions == null) {
            return false;
        }
        synchronized (sessions) {
            return sessions.remove(sessionId) != null;
        }
    }
}
