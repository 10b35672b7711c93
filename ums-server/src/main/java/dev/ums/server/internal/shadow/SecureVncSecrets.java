package dev.ums.server.internal.shadow;

import dev.ums.protocol.imi.ShadowSecret;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.link.DeviceLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's part of OS 11 secure VNC: hands an admin the device's certificate and a one-time session
 * password, and later tells the device whether a password it was shown is good. Both are audited.
 */
public record SecureVncSecrets(SessionPasswords passwords, AuditLog audit, DeviceStore devices) {
    private static final Logger LOG = LoggerFactory.getLogger(SecureVncSecrets.class);

    /** A secret and the audit entry its use will be recorded in. */
    public record Issued(ShadowSecret secret, long auditId) {
    }

    /** IMI's {@code shadowSecret}, whatever the device's online state; the certificate is empty if unknown. */
    public ShadowSecret issue(Device device, String admin) {
        return issue(device, admin, "console").secret();
    }

    /** A secret for {@code admin} using {@code client} (the console, or the web app through the server). */
    public Issued issue(Device device, String admin, String client) {
        long auditId = audit.begin(device, admin, "os11", client);
        String password = passwords.issue(device.id(), admin, auditId);
        audit.outcome(auditId, "PASSWORD_ISSUED", "session password issued, valid "
                + SessionPasswords.VALIDITY.toMinutes() + " minutes");
        String certificate = device.certificatePem() == null ? "" : device.certificatePem();
        return new Issued(new ShadowSecret(certificate, password), auditId);
    }

    /**
     * A secret that will not be used (the server could not open the session): its password is taken, so it can never
     * be presented, and its audit entry ends with {@code outcome} (an entry ended before keeps its first end).
     */
    public void withdraw(long deviceId, Issued issued, String outcome, String sentence) {
        passwords.use(deviceId, issued.secret().password());
        audit.finish(issued.auditId(), outcome, sentence, 0, 0);
    }

    public void check(DeviceLink connection, UpMessage.ShadowPasswordCheck check) {
        SessionPasswords.Verdict verdict = passwords.use(connection.deviceId(), check.password());
        if (verdict.valid()) {
            audit.outcome(verdict.grant().auditId(), "CONNECTED", "session password used by the device");
            LOG.info("device {} accepted a session password of {}", connection.deviceId(), verdict.grant().admin());
        } else {
            if (verdict.grant() != null) {
                audit.finish(verdict.grant().auditId(), "PASSWORD_REFUSED", verdict.refusal(), 0, 0);
            }
            LOG.warn("device {} was shown a bad session password: {}", connection.deviceId(), verdict.refusal());
        }
        // A good password tells the device who watches and how, for the indicator it shows while the session runs.
        connection.send(verdict.valid()
                ? new UpMessage.ShadowPasswordVerdict(check.requestId(), true, verdict.grant().admin(),
                        devices.find(connection.deviceId()).map(Device::settings).orElse(null))
                : new UpMessage.ShadowPasswordVerdict(check.requestId(), false));
    }
}
