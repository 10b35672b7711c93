package dev.ums.viewer;

/**
 * The session ended because the server's X.509 certificate was not trusted. The {@link Kind} tells why; the message
 * is one sentence naming the certificate.
 */
public final class VncCertificateException extends VncProtocolException {
    private static final long serialVersionUID = 1L;

    /** Why the certificate was refused. */
    public enum Kind {
        /** It differs from the fingerprint pinned with {@code --x509-fingerprint} or in the settings. */
        PIN_MISMATCH,
        /** It differs from the one remembered for this server, and the change was not confirmed. */
        CHANGED,
        /** Nothing was given to check it by: no pin and no store of known certificates. */
        UNCHECKED,
        /** The TLS handshake showed it to be unusable (not X.509, no certificate at all). */
        UNUSABLE,
        /**
         * The server offered only kinds of connection without a certificate, though one is pinned or was trusted before
         * for it: what a man in the middle would offer ({@link VncCertificateTrust#certificateRequired()}).
         */
        NOT_OFFERED
    }

    private final transient VncServerCertificate certificate;
    private final Kind kind;

    public VncCertificateException(Kind kind, VncServerCertificate certificate, String userMessage) {
        super(userMessage);
        this.kind = kind;
        this.certificate = certificate;
    }

    public Kind kind() {
        return kind;
    }

    /** The certificate presented, or null for {@link Kind#UNUSABLE} and {@link Kind#NOT_OFFERED}. */
    public VncServerCertificate certificate() {
        return certificate;
    }
}
