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
     * Trusts exactly the certificate with this SHA-256 fingerprint (any case, colons allowed).
     *
     * @throws IllegalArgumentException with a sentence for the user if the fingerprint is not 64 hex digits
     */
    static VncCertificateTrust pinned(String fingerprint) {
        String pin = VncServerCertificate.normalize(fingerprint);
        return certificate -> {
            if (!certificate.fingerprint().equals(pin)) {
                throw new VncCertificateException(VncCertificateException.Kind.PIN_MISMATCH, certificate,
                        "The VNC server presented the certificate " + certificate.describe()
                                + ", not the pinned one (SHA-256 " + pin + ").");
            }
        };
    }

    /**
     * Trust on first use: the first certificate seen for {@code server} is remembered in {@code known}; a later,
     * different one is refused unless {@code confirmChange} accepts it, which then replaces the remembered one.
     */
    static VncCertificateTrust firstUse(VncKnownCertificates known, String server, ChangeConfirmation confirmChange) {
        return certificate -> {
            String remembered = known.fingerprint(server);
            if (remembered == null) {
                known.remember(server, certificate.fingerprint());
            } else if (!remembered.equals(certificate.fingerprint())) {
                if (!confirmChange.acceptChange(server, remembered, certificate)) {
                    throw new VncCertificateException(VncCertificateException.Kind.CHANGED, certificate,
                            "The VNC server at " + server + " presented the certificate " + certificate.describe()
                                    + ", which differs from the one trusted before (SHA-256 " + remembered + ").");
                }
                known.remember(server, certificate.fingerprint());
            }
        };
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
