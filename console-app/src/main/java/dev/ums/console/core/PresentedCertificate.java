package dev.ums.console.core;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.protocol.tls.Fingerprints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

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
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new X509ExtendedTrustManager[] {new Recorder(seen)}, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new ImiException(Kind.UNREACHABLE, 0, "this Java runtime cannot speak TLS: " + e.getMessage(), e);
        }
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MS);
            plain.setSoTimeout(TIMEOUT_MS);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, server.host(), server.port(), false)) {
                tls.startHandshake();
            }
        } catch (IOException e) {
            if (seen.get() == null) {
                throw TransportFailures.describe(server, e);
            }
            // The certificate arrived; a failure after it (a closed connection) does not matter here.
        }
        X509Certificate certificate = seen.get();
        if (certificate == null) {
            throw new ImiException(Kind.UNREACHABLE, 0, "the server at " + server + " presented no certificate", null);
        }
        return of(certificate);
    }

    /** Describes one certificate. */
    public static PresentedCertificate of(X509Certificate certificate) {
        return new PresentedCertificate(Fingerprints.sha256(certificate),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    /** Accepts any chain, remembering its first certificate: the decision is the user's, made afterwards. */
    private static final class Recorder extends X509ExtendedTrustManager {
        private final AtomicReference<X509Certificate> seen;

        Recorder(AtomicReference<X509Certificate> seen) {
            this.seen = seen;
        }

        private void record(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no certificate presented");
            }
            seen.set(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            record(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the console does not accept client connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("the console does not accept client connections");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("the console does not accept client connections");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
