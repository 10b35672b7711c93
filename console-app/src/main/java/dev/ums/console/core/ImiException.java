package dev.ums.console.core;

import java.io.IOException;
import java.util.Optional;

/**
 * A failure of the console's work with the server, told in exactly one sentence a user can act on; the
 * {@link Kind} lets a screen react (for example, show the login form again after wrong credentials).
 */
public final class ImiException extends IOException {
    /** What went wrong, coarsely, for callers that react differently to different failures. */
    public enum Kind {
        /** The server rejected the user name or password. */
        WRONG_CREDENTIALS,
        /** No TCP or TLS connection to the server could be made, or it did not answer. */
        UNREACHABLE,
        /** The server (or tunnel endpoint) presented a certificate other than the pinned one. */
        CERTIFICATE_MISMATCH,
        /** The device or directory asked for does not exist or the name is ambiguous. */
        NOT_FOUND,
        /** The server refused the request with a sentence of its own (offline, declined, not allowed, …). */
        REFUSED,
        /** The server is not logged in to, or the session expired. */
        NOT_LOGGED_IN,
        /** The server answered something this console cannot read. */
        PROTOCOL,
        /** The tunnel to the device could not be opened or broke. */
        TUNNEL
    }

    private final Kind kind;
    private final int status;
    private final String presentedFingerprint;

    public ImiException(Kind kind, int status, String sentence, Throwable cause) {
        this(kind, status, sentence, cause, null);
    }

    private ImiException(Kind kind, int status, String sentence, Throwable cause, String presentedFingerprint) {
        super(sentence, cause);
        this.kind = kind;
        this.status = status;
        this.presentedFingerprint = presentedFingerprint;
    }

    /** A {@link Kind#CERTIFICATE_MISMATCH}: the peer presented the certificate with SHA-256 {@code presented}. */
    public static ImiException certificateMismatch(String presented, String sentence, Throwable cause) {
        return new ImiException(Kind.CERTIFICATE_MISMATCH, 0, sentence, cause, presented);
    }

    public ImiException(Kind kind, String sentence) {
        this(kind, 0, sentence, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the server answered with, or 0 when the failure happened before an answer. */
    public int status() {
        return status;
    }

    /** For a {@link Kind#CERTIFICATE_MISMATCH}, the SHA-256 fingerprint of the certificate the peer presented. */
    public Optional<String> presentedFingerprint() {
        return Optional.ofNullable(presentedFingerprint);
    }
}
