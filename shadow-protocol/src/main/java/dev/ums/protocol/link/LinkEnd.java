package dev.ums.protocol.link;

import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tunnel.TunnelFailures;
import java.net.URI;
import java.time.Duration;

/**
 * Why one connection of a {@link ControlLink} ended, or why it could not be made: a kind and its fields, turned
 * into a sentence only by {@link #sentence} (or by the link's user, which knows what the peer is). Immutable.
 *
 * @param kind    what happened
 * @param status  the HTTP status of a refused upgrade, the close code of a closed link, otherwise 0
 * @param detail  the peer's close reason, or the sentence of a withheld link; may be empty
 * @param silence how long the peer was silent, for {@link Kind#SILENT}
 * @param cause   the failure of a dial or of an open link, otherwise null
 */
public record LinkEnd(Kind kind, int status, String detail, Duration silence, Throwable cause) {
    /** A WebSocket close reason is at most 123 bytes; the peer chose it, so the sentence shows it as text only. */
    private static final int MAX_CLOSE_REASON = 123;

    /** The ways a link goes down. */
    public enum Kind {
        /** The TCP, TLS or WebSocket handshake failed (see {@code cause}). */
        UNREACHABLE,
        /** The peer answered the upgrade with an HTTP status ({@code status}). */
        REFUSED,
        /** The peer closed the link ({@code status} is the close code, {@code detail} the reason). */
        CLOSED,
        /** The open link failed (see {@code cause}). */
        BROKEN,
        /** Nothing arrived for the silence limit ({@code silence}). */
        SILENT,
        /** The peer sent a text message over the size limit. */
        OVERSIZED,
        /** The peer stopped reading: a send did not complete in time, or the outgoing queue filled up. */
        STALLED,
        /** The link's user withdrew its consent to be linked ({@code detail} says why). */
        WITHHELD,
        /** The link was closed on this side. */
        STOPPED
    }

    static LinkEnd of(Kind kind) {
        return new LinkEnd(kind, 0, "", Duration.ZERO, null);
    }

    static LinkEnd failed(Kind kind, Throwable cause) {
        return new LinkEnd(kind, 0, "", Duration.ZERO, cause);
    }

    /** One sentence, naming the peer as {@code what} ("the server", "the gateway") at {@code uri}. */
    public String sentence(String what, URI uri) {
        String at = what + " at " + TunnelFailures.where(uri);
        return switch (kind) {
            case UNREACHABLE -> TunnelFailures.describe(what, uri, cause);
            case REFUSED -> at + " refused the connection (HTTP " + status + ")";
            case CLOSED -> at + " closed the link (" + status
                    + (detail.isEmpty() ? "" : " " + PeerText.of(detail, MAX_CLOSE_REASON)) + ")";
            case BROKEN -> "the link to " + at + " failed: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
            case SILENT -> at + " was silent for " + silence.toSeconds() + " s";
            case OVERSIZED -> at + " sent a message over the size limit";
            case STALLED -> at + " stopped reading what this side sends";
            case WITHHELD -> detail;
            case STOPPED -> "the link to " + at + " was closed on this side";
        };
    }
}
