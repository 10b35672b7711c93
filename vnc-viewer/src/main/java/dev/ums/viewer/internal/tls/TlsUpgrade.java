package dev.ums.viewer.internal.tls;

import dev.ums.viewer.VncCertificateException;
import dev.ums.viewer.VncCertificateTrust;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncServerCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Runs a TLS client handshake over any stream pair (a socket's, a tunnel's) and returns the protected streams, for
 * VeNCrypt. Anonymous TLS (TigerVNC's TLS* kinds: (EC)DH without certificates, TLS 1.2) or TLS with the server's
 * certificate checked by a {@link VncCertificateTrust} (the X509* kinds: TLS 1.2 or 1.3). Bouncy Castle's TLS is
 * used because it works on plain streams and offers the anonymous suites, which the JDK's TLS disables for the whole
 * process. Called on the session's reader thread.
 */
public final class TlsUpgrade {
    /** Anonymous suites Xvnc's GnuTLS offers ("+ANON-ECDH:+ANON-DH"), strongest first. */
    private static final int[] ANONYMOUS_SUITES = {
        CipherSuite.TLS_ECDH_anon_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_ECDH_anon_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_DH_anon_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_DH_anon_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_DH_anon_WITH_AES_256_CBC_SHA256,
        CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA,
    };

    private TlsUpgrade() {
    }

    /** The two directions of a TLS connection. */
    public record Streams(InputStream in, OutputStream out) {
    }

    /**
     * @param trust null for anonymous TLS; else checks the server's certificate
     * @throws VncCertificateException when {@code trust} refuses the certificate
     */
    public static Streams connect(InputStream in, OutputStream out, VncCertificateTrust trust) throws IOException {
        TlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        CertificateCheck check = new CertificateCheck(trust);
        TlsClientProtocol protocol = new TlsClientProtocol(in, out);
        try {
            protocol.connect(trust == null ? new AnonymousClient(crypto) : new CertificateClient(crypto, check));
        } catch (IOException | RuntimeException e) {
            if (check.refusal != null) {
                throw check.refusal;
            }
            if (e instanceof VncProtocolException p) {
                throw p;
            }
            throw new VncProtocolException("The TLS handshake with the VNC server failed (" + describe(e) + ").", e);
        }
        return new Streams(protocol.getInputStream(), protocol.getOutputStream());
    }

    private static String describe(Exception e) {
        if (e instanceof TlsFatalAlert alert) {
            return org.bouncycastle.tls.AlertDescription.getText(alert.getAlertDescription());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Remembers a refusal, which Bouncy Castle would otherwise wrap into an alert. */
    private static final class CertificateCheck {
        private final VncCertificateTrust trust;
        private VncProtocolException refusal;

        CertificateCheck(VncCertificateTrust trust) {
            this.trust = trust;
        }

        void verify(TlsServerCertificate presented) throws IOException {
            if (presented.getCertificate().isEmpty()) {
                refusal = new VncCertificateException(VncCertificateException.Kind.UNUSABLE, null,
                        "The VNC server presented no certificate.");
                throw refusal;
            }
            X509Certificate certificate;
            try {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(presented.getCertificate().getCertificateAt(0).getEncoded()));
            } catch (CertificateException | ClassCastException e) {
                refusal = new VncCertificateException(VncCertificateException.Kind.UNUSABLE, null,
                        "The VNC server presented a certificate that is not a readable X.509 certificate.");
                throw refusal;
            }
            try {
                trust.verify(VncServerCertificate.of(certificate));
            } catch (VncCertificateException e) {
                refusal = e;
                throw e;
            } catch (UncheckedIOException e) {
                refusal = new VncProtocolException(e.getMessage(), e);
                throw refusal;
            }
        }
    }

    /** TLS 1.2 with anonymous (EC)DH only. */
    private static final class AnonymousClient extends DefaultTlsClient {
        AnonymousClient(TlsCrypto crypto) {
            super(crypto);
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), ANONYMOUS_SUITES);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv12.only();
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    throw new TlsFatalAlert(org.bouncycastle.tls.AlertDescription.unexpected_message);
                }
            };
        }
    }

    /** TLS 1.2 or 1.3 with the server's certificate, which the trust decides about. */
    private static final class CertificateClient extends DefaultTlsClient {
        private final CertificateCheck check;

        CertificateClient(TlsCrypto crypto, CertificateCheck check) {
            super(crypto);
            this.check = check;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    check.verify(serverCertificate);
                }
            };
        }
    }
}
