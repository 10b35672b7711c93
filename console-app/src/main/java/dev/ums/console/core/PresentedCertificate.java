package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.tls.Fingerprints;
import dev.ums.protocol.tls.PinnedTrust;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate a server presents, fetched before any pin exists so a user can decide whether to trust
 * it: its SHA-256 fingerprint (the pin), subject, issuer and validity. Fetching sends no credentials and
 * no request; it only completes a TLS handshake, within {@value #DEADLINE_MS} ms in all, so that a server sending its
 * handshake a byte at a time (each wait for a byte is shorter than the socket's timeout) cannot hold the login for
 * hours. Blocking; call it from a worker thread.
 */
public record PresentedCertificate(String fingerprint, String subject, String issuer, Instant notBefore,
                                   Instant notAfter) {
    private static final Logger LOG = LoggerFactory.getLogger(PresentedCertificate.class);
    private static final int TIMEOUT_MS = 10_000;
    /** The whole fetch, connecting included; as long as any other call to the server may take. */
    static final int DEADLINE_MS = 20_000;
    /** Closes the socket of a fetch that passed its deadline; one daemon thread for all fetches. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "certificate-fetch-deadline");
        thread.setDaemon(true);
        return thread;
    });

    /** Connects to {@code server}, records the certificate it presents and disconnects. */
    public static PresentedCertificate fetch(ServerAddress server) throws ImiException {
        return fetch(server, DEADLINE_MS);
    }

    /** As {@link #fetch(ServerAddress)}, the whole fetch within {@code deadlineMs}. */
    static PresentedCertificate fetch(ServerAddress server, int deadlineMs) throws ImiException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        // the decision is the user's, made afterwards: record whatever is presented
        SSLContext context = PinnedTrust.recordingAny(seen::set).sslContext();
        boolean connected = false;
        AtomicBoolean late = new AtomicBoolean();
        try (Socket plain = new Socket()) {
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                late.set(true);
                close(plain);
            }, deadlineMs, TimeUnit.MILLISECONDS);
            try {
                plain.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MS);
                connected = true;
                plain.setSoTimeout(TIMEOUT_MS);
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
                        .createSocket(plain, server.host(), server.port(), false)) {
                    tls.startHandshake();
                }
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            if (seen.get() == null) {
                throw late.get() ? ImiException.atServer(Reason.ANSWER_TIMED_OUT, server, 0, null, e)
                        : TransportFailures.describe(server, e, connected);
            }
            // The certificate arrived; a failure after it (a closed connection) does not matter here.
        }
        X509Certificate certificate = seen.get();
        if (certificate == null) {
            throw ImiException.atServer(Reason.NO_CERTIFICATE_PRESENTED, server, 0, null, null);
        }
        return of(certificate);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("closing a late certificate fetch failed", e);
        }
    }

    /** Describes one certificate. */
    public static PresentedCertificate of(X509Certificate certificate) {
        return new PresentedCertificate(Fingerprints.sha256(certificate),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }
}
