package dev.ums.protocol.tls;

import java.security.cert.CertificateException;

/** The peer presented a certificate other than the pinned one. */
public final class CertificatePinMismatch extends CertificateException {
    /** Text carried through TLS exception chains so callers can tell a pin mismatch from other failures. */
    public static final String MARKER = "certificate does not match the pinned";

    public CertificatePinMismatch(String expected, String actual) {
        super(MARKER + " one: expected " + expected + ", got " + actual);
    }
}
