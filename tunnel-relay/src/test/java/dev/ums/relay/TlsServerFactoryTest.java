package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.tls.SelfSignedIdentity;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.Test;

/** The TLS server both the UMS server and the gateway run: its handshakes draw from {@link HandshakeRandom}. */
class TlsServerFactoryTest {

    @Test
    void handshakesDrawFromTheRandomOfTheirOwnThread() throws Exception {
        SelfSignedIdentity identity = SelfSignedIdentity.create("tls-test");
        assertThat(TlsServerFactory.tls(identity).getSecureRandomInstance()).isInstanceOf(HandshakeRandom.class);

        Server server = TlsServerFactory.create("127.0.0.1", 0, identity, new DefaultHandler(), container -> { },
                new ConnectionGuard(64));
        server.start();
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server", identity.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, trust.getTrustManagers(), null);
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                        .createSocket("127.0.0.1", TlsServerFactory.localPort(server))) {
                    socket.setEnabledProtocols(new String[] {protocol});
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                    assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(identity.certificate());
                }
            }
        } finally {
            server.stop();
        }
    }
}
