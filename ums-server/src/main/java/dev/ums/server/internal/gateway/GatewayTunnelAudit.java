package dev.ums.server.internal.gateway;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.server.internal.audit.AuditLog;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a gateway reports of a session's tunnels (pairing, end, bytes each way) into the session's audit
 * entry, whichever node of a cluster brokered the session: a gateway keeps the ends it could not deliver and
 * reports them to the next node that links to it, which may not be the node that registered the session. The
 * entry is found in the database by the session's id and the gateway it was registered at, so a gateway reaches
 * only the sessions registered through it (neither a direct device's nor another gateway's), and only while the
 * entry is open: a repeated end changes nothing. Called on the gateway links' reading threads; thread-safe.
 */
public final class GatewayTunnelAudit {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayTunnelAudit.class);

    private final AuditLog audit;
    private final RepeatedWarning foreign;

    public GatewayTunnelAudit(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.foreign = RepeatedWarning.perMinute(LOG, clock, "gateways' reports of sessions not registered with them");
    }

    public void paired(String gateway, String sessionId) {
        if (!audit.pairedAtGateway(gateway, sessionId)) {
            unmatched(gateway, sessionId, "pairing");
        }
    }

    public void ended(String gateway, GatewayMessage.TunnelEnded ended) {
        if (!audit.finishAtGateway(gateway, ended.sessionId(), ended.paired() ? "COMPLETED" : "FAILED",
                ended.reason(), ended.bytesToDevice(), ended.bytesFromDevice())) {
            unmatched(gateway, ended.sessionId(), "end");
        }
    }

    /** A report that changed nothing: an ended or unknown session is routine, another route's session is not. */
    private void unmatched(String gateway, String sessionId, String what) {
        String shown = RepeatedWarning.peerText(sessionId);
        Optional<AuditLog.SessionPlace> place = sessionId == null ? Optional.empty() : audit.placeOf(sessionId);
        if (place.isEmpty()) {
            LOG.debug("gateway {} reported the {} of session {}, which no audit entry names; ignored", gateway, what,
                    shown);
        } else if (!gateway.equals(place.get().gateway())) {
            foreign.warn("gateway {} reported the {} of session {}, which was not registered with it; ignored",
                    gateway, what, shown);
        } else {
            LOG.debug("gateway {} reported the {} of session {}, whose audit entry has ended; ignored", gateway,
                    what, shown);
        }
    }
}
