package dev.ums.viewer;

/**
 * Trusts exactly the certificate with one SHA-256 fingerprint, and no connection without a certificate. Immutable;
 * called on the session's reader thread.
 */
final class PinnedCertificate implements VncCertificateTrust {
    private final String pin;

    /** @param pin a normalized fingerprint ({@link VncServerCertificate#normalize}) */
    PinnedCertificate(String pin) {
        this.pin = pin;
    }

    @Override
    public void verify(VncServerCertificate certificate) throws VncCertificateException {
        if (!certificate.fingerprint().equals(pin)) {
            throw new VncCertificateException(VncCertificateException.Kind.PIN_MISMATCH, certificate,
                    "The VNC server presented the certificate " + certificate.describe()
                            + ", not the pinned one (SHA-256 " + pin + ").");
        }
    }

    @Override
    public boolean certificateRequired() {
        return true;
    }

    @Override
    public String whyRequired() {
        return "its certificate is pinned";
    }
}
