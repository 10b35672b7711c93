package dev.ums.viewer;

/**
 * Decides whether the X.509 certificate a server presents in VeNCrypt's X509 kinds is the right one. Called once per
 * connection on the session's reader thread, during the TLS handshake; it may block on a dialog (that time is not
 * counted against the handshake timeout; when the session ends meanwhile, the reader thread is interrupted). The certificate is trusted by itself, as SSH trusts host keys, not through a certificate
 * authority: self-signed certificates, which Xvnc setups mostly use, work the same way.
 */
@FunctionalInterface
public interface VncCertificateTrust {
    /** Refuses every certificate: what a session does unless told how to check one. */
    VncCertificateTrust UNCHECKED = certificate -> {
        throw new VncCertificateException(VncCertificateException.Kind.UNCHECKED, certificate,
                "The VNC server's certificate " + certificate.describe() + " cannot be checked: neither a pinned "
                        + "fingerprint nor a list of known certificates was given.");
    };

    /** @throws VncCertificateException to refuse the certificate, which ends the session */
    void verify(VncServerCertificate certificate) throws VncCertificateException;

    /**
     * Whether the server must show a certificate before anything else is sent: true once one is pinned or was trusted
     * before for it. A connection without one (anonymous TLS, Plain, None, VNC authentication) is then refused, as
     * it is what a man in the middle, who cannot present that certificate, would offer instead. Asked on the session's
     * reader thread when the server lists its security types.
     */
    default boolean certificateRequired() {
        return false;
    }

    /** Why a certificate is required, and how to undo it, for the sentence of a server that offers none. */
    default String whyRequired() {
        return "a certificate is pinned or was trusted before for it";
    }

    /**
     * This trust for the certificates a server shows, without requiring one: for a connection that something else
     * protects (the console's tunnel, whose TLS a man in the middle cannot enter), where a server set up again
     * without a certificate should not be shut out.
     */
    default VncCertificateTrust notRequired() {
        VncCertificateTrust checked = this;
        return checked::verify;
    }

    /**
     * Trusts exactly the certificate with this SHA-256 fingerprint (any case, colons allowed), and no connection
     * without a certificate.
     *
     * @throws IllegalArgumentException with a sentence for the user if the fingerprint is not 64 hex digits
     */
    static VncCertificateTrust pinned(String fingerprint) {
        return new PinnedCertificate(VncServerCertificate.normalize(fingerprint));
    }

    /**
     * Trust on first use: the first certificate seen for {@code server} is remembered in {@code known}; a later,
     * different one is refused unless {@code confirmChange} accepts it, which then replaces the remembered one. Once
     * one is remembered, a server offering no kind with a certificate is refused ({@link #certificateRequired()}).
     */
    static VncCertificateTrust firstUse(VncKnownCertificates known, String server, ChangeConfirmation confirmChange) {
        return new FirstUseCertificate(known, server, confirmChange);
    }

    /** Asked when a server's certificate differs from the one remembered; called on the session's reader thread. */
    @FunctionalInterface
    interface ChangeConfirmation {
        /** Refuses every change, for unattended use. */
        ChangeConfirmation REFUSE = (server, previous, presented) -> false;

        /** @return true to trust {@code presented} from now on instead of the certificate {@code previous} names */
        boolean acceptChange(String server, String previousFingerprint, VncServerCertificate presented);
    }
}
