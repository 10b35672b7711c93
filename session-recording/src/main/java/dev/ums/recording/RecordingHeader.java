package dev.ums.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * What a recording says about its session before the first byte: who shadowed which device,
 * when, how and by which route. Immutable; any thread.
 *
 * @param sessionId  the shadow session's id (also the file's name)
 * @param deviceId   the device's id
 * @param deviceName the device's name when the session started, may be null
 * @param user       the administrator who shadowed
 * @param startedAt  the instant the record's timestamps count from
 * @param viewOnly   whether the session was view-only
 * @param route      how the session reached the device, e.g. {@code server-relay}
 */
public record RecordingHeader(String sessionId, String deviceId, String deviceName, String user,
                              Instant startedAt, boolean viewOnly, String route) {
    public RecordingHeader {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
