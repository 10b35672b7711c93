package dev.ums.server.internal.cluster;

import dev.ums.protocol.imi.ShadowSession;

/**
 * The messages about shadow sessions that are not a device's: the two of a shadow request brokered by another node: a
 * device linked through a Cloud Gateway has its tunnels registered at that gateway by the node holding the gateway's
 * link, so that node runs the whole request (audit entry included) and the asking node passes its answer on to the
 * console, or bridges the gateway's tunnel into its own relay and records the session there when the answer says
 * so; and the end of a session wherever it runs. Immutable.
 */
final class RemoteShadow {
    private RemoteShadow() {
    }

    /**
     * What the console asked for, as the asking node's broker was given it; {@code bridged}: the asking node will
     * carry the session in its own relay (it bridges the gateway's tunnel), so a session that must be recorded may
     * go ahead, recorded there.
     */
    record Request(String requestId, String admin, String client, boolean viewOnly, boolean bridged) {
    }

    /**
     * The session, its audit entry's id and whether the asking node must record it; or the refusal's reason (a
     * {@code ShadowRefusal.Reason} name) and sentence.
     */
    record Answer(String requestId, ShadowSession session, Long auditId, boolean recordByAsker, String refusal,
                  String sentence) {
    }

    /** A session to end on whichever node relays it, and why. */
    record End(String sessionId, String reason) {
    }
}
