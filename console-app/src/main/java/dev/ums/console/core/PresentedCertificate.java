package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The certificate a server presents, fetched before any pin exists so a user can decide whether to trust
 * it: its SHA-256 fingerprint (the pin), subject, issuer and validity. Fetching sends no credentials and
 * no request; it only completes a TLS handshake. Blocking; call it from a worker thread.
 */
public record PresentedCertificate(String fingerprint, String subject, String issuer, Instant notBefore,
                                   Instant notAfter) {
    private static final int TIMEOUT_MS = 10_000;

    /** Connects to {@code server}, records the certificate it presents and disconnects. */
    public static PresentedCertificate fetch(ServerAddress server) throws ImiException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        // the decision is the user's, made afterwards: record whatever is presented
        SSLContext context = PinnedTrust.recordingAny(seen::set).sslContext();
        boolean connected = false;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MS);
            connected = true;
            plain.setSoTimeout(TIMEOUT_MS);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, server.host(), server.port(), false)) {
                tls.startHandshake();
            }
        } catch (IOException e) {
            if (seen.get() == null) {
                throw TransportFailures.describe(server, e, connected);
            }
            // The certificate arrived; a failure after it (a closed connection) does not matter here.
        }
        X509Certificate certificate = seen.get();
        if (certificate == null) {
            throw ImiException.atServer(Reason.NO_CERTIFICATE_PRESENTED, server, 0, null, null);
        }
        return of(certificate);
    }

    /** Describes one certificate. */
    public static PresentedCertificate of(X509Certificate certificate) {
        return new PresentedCertificate(Fingerprints.sha256(certificate),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }
}
