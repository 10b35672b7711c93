package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;

class HandshakeGateTest {

    @Test
    void aFullGateStopsAcceptingAndTheWaitingConnectionIsServedOnceHandshakesEnd() throws Exception {
        SelfSignedIdentity identity = SelfSignedIdentity.create("gate test");
        Server server = new Server();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity.keyStore());
        tls.setKeyStorePassword(new String(SelfSignedIdentity.keyStorePassword()));
        HttpConnectionFactory http = new HttpConnectionFactory();
        ServerConnector connector = new ServerConnector(server, 1, 1,
                new SslConnectionFactory(tls, http.getProtocol()), http);
        connector.setHost("127.0.0.1");
        connector.setAcceptQueueSize(16);
        HandshakeGate gate = new HandshakeGate(2);
        gate.guard(connector);
        server.addConnector(connector);
        server.start();
        List<Socket> silent = new ArrayList<>();
        try {
            // peers that connect and never say hello hold their handshake open
            for (int i = 0; i < 3; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), connector.getLocalPort()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> gate.pauses() == 1 && !connector.isAccepting());
            assertThat(gate.inFlight()).isGreaterThanOrEqualTo(gate.limit());

            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> handshake(identity,
                    connector.getLocalPort()));
            for (Socket s : silent) {
                s.close();
            }

            assertThat(waiting.get()).as("the protocol of the connection that waited").startsWith("TLSv1");
            await().atMost(Duration.ofSeconds(10)).until(() -> connector.isAccepting() && gate.inFlight() == 0);
        } finally {
            for (Socket s : silent) {
                s.close();
            }
            server.stop();
        }
    }

    @Test
    void aGateNeedsRoomForOneHandshake() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HandshakeGate(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThat(HandshakeGate.forThisMachine().limit())
                .isEqualTo(HandshakeGate.PER_PROCESSOR * Runtime.getRuntime().availableProcessors());
    }

    private static String handshake(SelfSignedIdentity identity, int port) {
        try (SSLSocket socket = (SSLSocket) PinnedTrust.fingerprint(identity.fingerprint()).sslContext()
                .getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
