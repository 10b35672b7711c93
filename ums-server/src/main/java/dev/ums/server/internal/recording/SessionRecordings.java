package dev.ums.server.internal.recording;

import dev.ums.relay.RelayTap;
import dev.ums.relay.RelayTaps;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DirectoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which shadow sessions are recorded, and their recorders. Recording is on for every session when the server
 * was started with {@code --record-sessions}, else for devices in a directory (or below one) whose setting says
 * so. Whoever starts a session that the relay will carry plans its recording under the relay's session id; the
 * relay asks for the session's tap when it opens it ({@link RelayTaps}). Files go to {@code <data>/recordings/},
 * named after the session id, and the session's audit entry names its file. A session whose recording stops (a disk
 * too slow or full) is ended: it must not go on unrecorded. Thread-safe: request threads plan,
 * relay threads open, recorders' writer threads report.
 */
public final class SessionRecordings implements RelayTaps, AutoCloseable {
    /** The file extension of a recording. */
    public static final String EXTENSION = ".umsrec";
    private static final Logger LOG = LoggerFactory.getLogger(SessionRecordings.class);
    private static final long CLOSE_WAIT_MILLIS = 3000;

    /** A session to record once the relay opens it. */
    private record Plan(SessionRecorder.HeaderTemplate header, long auditId, long madeAt) {
    }

    /** A plan the relay never opened (a session that failed on its way) is dropped after this long. */
    static final long PLAN_LIFETIME_MILLIS = 5 * 60 * 1000;

    private final Path directory;
    private final boolean everySession;
    private final DirectoryStore directories;
    private final AuditLog audit;
    private final Clock clock;
    private final ConcurrentHashMap<String, Plan> plans = new ConcurrentHashMap<>();
    private final Set<SessionRecorder> active = ConcurrentHashMap.newKeySet();

    public SessionRecordings(Path directory, boolean everySession, DirectoryStore directories, AuditLog audit,
                             Clock clock) {
        this.directory = directory;
        this.everySession = everySession;
        this.directories = directories;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether sessions with this device must be recorded. */
    public boolean required(Device device) {
        return everySession || directories.recordsSessions(device.directoryId());
    }

    /**
     * Plans the recording of the relay session {@code sessionId} if the device's sessions are recorded; the audit
     * entry {@code auditId} will name the file. {@code route} says how the session reaches the device.
     */
    public void planIfRequired(String sessionId, Device device, String admin, boolean viewOnly, String route,
                               long auditId) {
        if (required(device)) {
            plan(sessionId, device, admin, viewOnly, route, auditId);
        }
    }

    /**
     * Plans the recording of the relay session {@code sessionId}, whose requirement was decided already (by the
     * node that brokered the session, or by {@link #required} here); the audit entry {@code auditId} will name the
     * file.
     */
    public void plan(String sessionId, Device device, String admin, boolean viewOnly, String route, long auditId) {
        plans.put(sessionId, new Plan(new SessionRecorder.HeaderTemplate(sessionId, String.valueOf(device.id()),
                device.name(), admin, viewOnly, route), auditId, clock.millis()));
    }

    /**
     * The session planned as {@code from} is carried by this server's relay as {@code to} (the server bridges it
     * for a browser); {@code route} replaces the planned one.
     */
    public void move(String from, String to, String route) {
        Plan p = plans.remove(from);
        if (p != null) {
            SessionRecorder.HeaderTemplate h = p.header();
            plans.put(to, new Plan(new SessionRecorder.HeaderTemplate(to, h.deviceId(), h.deviceName(), h.user(),
                    h.viewOnly(), route), p.auditId(), p.madeAt()));
        }
    }

    /** Drops plans whose sessions never reached the relay; called by housekeeping. */
    public void expirePlans() {
        long now = clock.millis();
        plans.values().removeIf(p -> now - p.madeAt() > PLAN_LIFETIME_MILLIS);
    }

    /** Drops the plan of a session that will not reach the relay. */
    public void forget(String sessionId) {
        plans.remove(sessionId);
    }

    @Override
    public RelayTap open(String sessionId, Consumer<String> endSession) {
        Plan p = plans.remove(sessionId);
        if (p == null) {
            return RelayTap.NONE;
        }
        SessionRecorder recorder = new SessionRecorder(directory.resolve(sessionId + EXTENSION), clock, p.header(),
                new SessionRecorder.Events() {
                    @Override
                    public void created(String fileName) {
                        audit.recording(p.auditId(), fileName);
                        LOG.info("session {} is recorded to {}", sessionId, fileName);
                    }

                    @Override
                    public void finished(SessionRecorder r) {
                        active.remove(r);
                    }
                }, endSession, RecordingRoom.DISK, Thread::new);
        active.add(recorder);
        return recorder;
    }

    /** Recordings being written now. */
    public int activeCount() {
        return active.size();
    }

    /** Waits a little for recordings whose sessions ended (the relay closed them first) to reach their files. */
    @Override
    public void close() {
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
        for (SessionRecorder r : active) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            try {
                r.awaitWritten(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
