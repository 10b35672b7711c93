package dev.ums.protocol.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust by pinning, not by CA: the server's leaf certificate must be exactly the expected one (by SHA-256
 * fingerprint, or by DER equality for OS 11 devices). No host-name rule applies, because the pin already
 * names the one acceptable key; this is what makes self-signed servers safe to use.
 */
public final class PinnedTrust extends X509ExtendedTrustManager {
    private final String expectedFingerprint;
    private final Predicate<X509Certificate> accepts;

    private PinnedTrust(String expectedFingerprint, Predicate<X509Certificate> accepts) {
        this.expectedFingerprint = expectedFingerprint;
        this.accepts = accepts;
    }

    /** Accepts only the certificate whose SHA-256 fingerprint is {@code fingerprintHex}. */
    public static PinnedTrust fingerprint(String fingerprintHex) {
        String expected = Fingerprints.normalize(fingerprintHex);
        return new PinnedTrust(expected, cert -> Fingerprints.sha256(cert).equals(expected));
    }

    /** Accepts only a certificate whose DER encoding equals {@code expected}'s, byte for byte. */
    public static PinnedTrust exactly(X509Certificate expected) {
        byte[] der = der(expected);
        return new PinnedTrust(Fingerprints.sha256(der),
                cert -> java.util.Arrays.equals(der(cert), der));
    }

    /**
     * Accepts whatever certificate is presented and hands it to {@code seen}: for showing a server's
     * certificate to a person before anything is pinned. Never carry credentials over such a connection.
     */
    public static PinnedTrust recordingAny(Consumer<X509Certificate> seen) {
        return new PinnedTrust("(any)", cert -> {
            seen.accept(cert);
            return true;
        });
    }

    /** A client TLS context that trusts only this pin. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is unavailable in this JVM", e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            return new byte[0];
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
        if (!accepts.test(chain[0])) {
            throw new CertificatePinMismatch(expectedFingerprint, Fingerprints.sha256(chain[0]));
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("client certificates are not used");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
