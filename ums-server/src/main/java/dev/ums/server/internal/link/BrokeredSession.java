package dev.ums.server.internal.link;

import dev.ums.protocol.imi.ShadowSession;

/**
 * A shadow session as the node that brokered it answers: what the console is given, the id of the session's audit
 * entry, and whether the session must be recorded by the asking node, whose relay carries it (the node bridges the
 * gateway's tunnel), under that entry. Immutable.
 */
public record BrokeredSession(ShadowSession session, long auditId, boolean recordByAsker) {
}
