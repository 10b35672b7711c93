package dev.ums.server.internal.audit;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.log.RepeatedWarning;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server log's record of what administrators do besides shadowing (which {@link AuditLog} keeps): each login
 * with its user, address and client (the web app or the REST API), each refused login, each logout, each change
 * of a device's shadow settings with the settings before and after (whether its user is asked, whether it may be
 * shadowed at all), each enrollment token created or revoked, each directory created, each move of devices between
 * directories, each change of whether a directory's sessions are recorded and each recording downloaded. Refused
 * logins are at most {@value RepeatedWarning#PER_MINUTE} lines a minute, the rest counted, since anyone can make them.
 * User and device names are a peer's text, quoted through {@link PeerText}. Any thread.
 */
public final class AdminActions {
    private static final Logger LOG = LoggerFactory.getLogger(AdminActions.class);
    /** A user name as a line shows it: an account's name is at most 100 characters. */
    private static final int NAME = 100;

    private final RepeatedWarning refusedLogins;

    public AdminActions(Clock clock) {
        this.refusedLogins = RepeatedWarning.perMinute(LOG, clock, "refused logins");
    }

    public void loggedIn(String user, String address, String client) {
        LOG.info("{} logged in to the {} from {}", PeerText.of(user, NAME), client, address);
    }

    /** A login that did not open a session: {@code why} is the sentence its client was answered with. */
    public void loginRefused(String user, String address, String client, String why) {
        refusedLogins.warn("a login as {} to the {} from {} was refused: {}", PeerText.of(user, NAME), client, address,
                why);
    }

    /** A logout of the REST API, whose login opened no shadow session of its own (a console's go on). */
    public void loggedOut(String user, String address, String client) {
        LOG.info("{} logged out of the {} from {}", PeerText.of(user, NAME), client, address);
    }

    /** A logout of the web app, which ends the shadow sessions its login opened. */
    public void loggedOut(String user, String address, String client, int shadowSessionsEnded) {
        LOG.info("{} logged out of the {} from {}; {} shadow session(s) opened in the login ended",
                PeerText.of(user, NAME), client, address, shadowSessionsEnded);
    }

    public void shadowSettingsChanged(String user, long deviceId, String deviceName, ShadowSettings before,
                                      ShadowSettings after) {
        LOG.info("{} changed the shadow settings of device {} ({}) from {} to {}", PeerText.of(user, NAME), deviceId,
                PeerText.of(deviceName, 200), describe(before), describe(after));
    }

    public void enrollmentTokenCreated(String user, String tokenId, Integer maxUses, String expiresAt) {
        LOG.info("{} created enrollment token {} for {} enrollment(s), valid until {}", PeerText.of(user, NAME), tokenId,
                maxUses, expiresAt);
    }

    public void enrollmentTokenRevoked(String user, long tokenId) {
        LOG.info("{} revoked enrollment token {}", PeerText.of(user, NAME), tokenId);
    }

    public void directoryCreated(String user, long id, String name, Long parentId) {
        LOG.info("{} created directory {} ({}) in {}", PeerText.of(user, NAME), id, PeerText.of(name, 200),
                parentId == null ? "the top level" : "directory " + parentId);
    }

    public void devicesMoved(String user, List<Long> deviceIds, long directoryId, String directoryName) {
        LOG.info("{} moved device(s) {} to directory {} ({})", PeerText.of(user, NAME), deviceIds, directoryId,
                PeerText.of(directoryName, 200));
    }

    public void recordingDownloaded(String user, String auditId, String file, long bytes) {
        LOG.info("{} downloads the recording of shadow session {} ({}, {} bytes)", PeerText.of(user, NAME), auditId,
                file, bytes);
    }

    public void directoryRecordingSet(String user, long directoryId, boolean recordSessions) {
        LOG.info("{} set recording of sessions in directory {} to {}", PeerText.of(user, NAME), directoryId,
                recordSessions);
    }

    private static String describe(ShadowSettings s) {
        return "allowShadowing=" + s.allowShadowing() + ", promptUser=" + s.promptUser() + ", allowInput="
                + s.allowInput() + ", allowUserDisconnect=" + s.allowUserDisconnect() + ", indicatorPosition="
                + s.indicatorPosition();
    }
}
