package dev.ums.viewer;

/**
 * Trust on first use: the first certificate seen for a server is remembered; a later, different one is refused unless
 * confirmed, and once one is remembered a connection without a certificate is refused too. Called on the session's
 * reader thread; the store is safe to share.
 */
final class FirstUseCertificate implements VncCertificateTrust {
    private final VncKnownCertificates known;
    private final String server;
    private final ChangeConfirmation confirmChange;

    FirstUseCertificate(VncKnownCertificates known, String server, ChangeConfirmation confirmChange) {
        this.known = known;
        this.server = server;
        this.confirmChange = confirmChange;
    }

    @Override
    public void verify(VncServerCertificate certificate) throws VncCertificateException {
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
    }

    /** Once a certificate is remembered for the server, a connection without one would bypass it. */
    @Override
    public boolean certificateRequired() {
        return known.fingerprint(server) != null;
    }

    @Override
    public String whyRequired() {
        return "its certificate was trusted before (remembered for " + server + " " + known.where()
                + ": remove it there if the server was set up again without one)";
    }
}
