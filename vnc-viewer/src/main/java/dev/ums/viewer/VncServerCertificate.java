package dev.ums.viewer;

import dev.ums.protocol.log.PeerText;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The X.509 certificate a VNC server presented in VeNCrypt's X509 kinds, as a user decides about it: its SHA-256
 * fingerprint (64 lower-case hex digits of the DER encoding's digest, the form {@code --x509-fingerprint} takes),
 * subject, issuer and validity. Subject and issuer are whatever the server put in its certificate, so they are kept
 * as one line of at most {@value #SHOWN_NAME} characters: a name with line breaks would otherwise write lines of its
 * own into a log or into the dialog that asks the user to trust a changed certificate. Immutable.
 */
public record VncServerCertificate(String fingerprint, String subject, String issuer, Instant notBefore,
                                   Instant notAfter) {
    /** The characters of a subject or issuer kept. */
    public static final int SHOWN_NAME = 200;

    public static VncServerCertificate of(X509Certificate certificate) {
        try {
            return new VncServerCertificate(sha256(certificate.getEncoded()),
                    PeerText.of(certificate.getSubjectX500Principal().getName(), SHOWN_NAME),
                    PeerText.of(certificate.getIssuerX500Principal().getName(), SHOWN_NAME),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The certificate cannot be encoded.", e);
        }
    }

    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime.", e);
        }
    }

    /**
     * Accepts a fingerprint as users paste it: any case, with or without colons or spaces.
     *
     * @throws IllegalArgumentException with a sentence for the user when it is not 64 hex digits
     */
    public static String normalize(String fingerprint) {
        String hex = fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A certificate fingerprint is 64 hex digits (the SHA-256 of its DER "
                    + "encoding), not \"" + fingerprint + "\".");
        }
        return hex;
    }

    /** "CN=host (SHA-256 ab12…)", naming the certificate in one phrase. */
    public String describe() {
        return subject + " (SHA-256 " + fingerprint + ")";
    }
}
