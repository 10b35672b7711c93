package dev.ums.server.internal.shadow;

import dev.ums.relay.RelayObserver;
import dev.ums.server.internal.audit.AuditLog;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes what this server's relay reports (pairing, end, bytes each way) into the audit entry of each session it
 * carries; a gateway's reports of the sessions whose tunnels meet there go to {@code GatewayTunnelAudit}. Any
 * thread may call it.
 */
public final class RelayAudit implements RelayObserver {
    private final AuditLog audit;
    private final ConcurrentHashMap<String, Long> entries = new ConcurrentHashMap<>();

    public RelayAudit(AuditLog audit) {
        this.audit = audit;
    }

    public void track(String sessionId, long auditId) {
        entries.put(sessionId, auditId);
    }

    /** Stops following a session that ended before its tunnels met. */
    public void forget(String sessionId) {
        entries.remove(sessionId);
    }

    @Override
    public void paired(String sessionId) {
        Long id = entries.get(sessionId);
        if (id != null) {
            audit.outcome(id, "CONNECTED", "tunnel paired");
        }
    }

    @Override
    public void ended(String sessionId, boolean wasPaired, String reason, long bytesToDevice, long bytesFromDevice) {
        Long id = entries.remove(sessionId);
        if (id != null) {
            audit.finish(id, wasPaired ? "COMPLETED" : "FAILED", reason, bytesToDevice, bytesFromDevice);
        }
    }
}
