package dev.ums.relay.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.relay.ConnectionGuard;
import dev.ums.relay.TlsServerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The turns in front of a real Jetty server's TLS handshakes, with real TLS clients over loopback. */
class QueuedHandshakesTest {
    private static final Duration LIVENESS = Duration.ofSeconds(30);

    private final HandshakeTurns turns = new HandshakeTurns(2);
    private Server server;
    private SSLContext tls;

    @BeforeEach
    void start() throws Exception {
        SelfSignedIdentity identity = SelfSignedIdentity.create("localhost");
        Handler ok = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
        };
        server = TlsServerFactory.create("127.0.0.1", 0, 0, identity, ok, container -> { }, new ConnectionGuard(64),
                turns);
        server.start();
        tls = PinnedTrust.fingerprint(identity.fingerprint()).sslContext();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private int port() {
        return TlsServerFactory.localPort(server);
    }

    /** A whole exchange over TLS: handshake, one request, its answer's status line. */
    private String get() throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port())) {
            socket.setSoTimeout((int) LIVENESS.toMillis());
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().findFirst().orElse("");
        }
    }

    /** The bytes a TLS client sends first: its hello, one record. */
    private byte[] clientHello() throws IOException {
        SSLEngine client = tls.createSSLEngine("localhost", port());
        client.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.beginHandshake();
        client.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    @Test
    void manyMoreHandshakesThanTurnsAtOnceAllComplete() throws Exception {
        int clients = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return get();
                }));
            }
            go.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(LIVENESS).until(() -> turns.working() == 0);
        assertThat(turns.waiting()).isZero();
    }

    @Test
    void aClientThatGivesUpWhileWaitingIsDroppedWithoutItsHandshake() throws Exception {
        assertThat(turns.request(() -> { })).isTrue();   // the test holds both turns: every hello must wait
        assertThat(turns.request(() -> { })).isTrue();
        try (Socket waiting = new Socket("127.0.0.1", port())) {
            waiting.getOutputStream().write(clientHello());
            await().atMost(LIVENESS).until(() -> turns.waiting() == 1);
        }
        await().atMost(LIVENESS).until(() -> turns.waiting() == 0);
        assertThat(turns.withdrawn()).isOne();

        turns.finished();
        turns.finished();
        assertThat(turns.working()).isZero();
        assertThat(get()).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void aWaitingHandshakeGoesOnWhenATurnEnds() throws Exception {
        assertThat(turns.request(() -> { })).isTrue();
        assertThat(turns.request(() -> { })).isTrue();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> answer = pool.submit(this::get);
            await().atMost(LIVENESS).until(() -> turns.waiting() == 1);
            assertThat(answer).isNotDone();

            turns.finished();
            assertThat(answer.get(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
            turns.finished();
        } finally {
            pool.shutdownNow();
        }
        await().atMost(LIVENESS).until(() -> turns.working() == 0);
    }

    /** The PROXY protocol v2 header: LOCAL (the balancer's own connection) or relaying a client's TCP over IPv4. */
    private static byte[] proxyHeader(boolean local) {
        byte[] signature = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
        ByteBuffer header = ByteBuffer.allocate(local ? 16 : 28).put(signature);
        if (local) {
            header.put((byte) 0x20).put((byte) 0x00).putShort((short) 0);   // version 2 LOCAL, no addresses
        } else {
            header.put((byte) 0x21).put((byte) 0x11).putShort((short) 12)   // version 2 PROXY, TCP over IPv4
                    .put(new byte[] {10, 1, 2, 3}).put(new byte[] {10, 0, 0, 1})
                    .putShort((short) 40000).putShort((short) 8444);
        }
        return header.array();
    }

    @Test
    void theBalancersOwnConnectionWaitsAheadOfTheClientsItRelays() throws Exception {
        assertThat(turns.request(() -> { })).isTrue();
        assertThat(turns.request(() -> { })).isTrue();
        int proxyPort = TlsServerFactory.proxyPort(server);
        try (Socket relayed = new Socket("127.0.0.1", proxyPort); Socket check = new Socket("127.0.0.1", proxyPort)) {
            relayed.getOutputStream().write(proxyHeader(false));
            relayed.getOutputStream().write(clientHello());
            await().atMost(LIVENESS).until(() -> turns.waiting() == 1);
            assertThat(turns.waitingAhead()).isZero();

            check.getOutputStream().write(proxyHeader(true));
            check.getOutputStream().write(clientHello());
            await().atMost(LIVENESS).until(() -> turns.waiting() == 2);
            assertThat(turns.waitingAhead()).isOne();

            turns.finished();
            check.setSoTimeout((int) LIVENESS.toMillis());
            assertThat(check.getInputStream().read()).as("the server's hello to the check first").isEqualTo(22);
            turns.finished();
        }
        await().atMost(LIVENESS).until(() -> turns.working() == 0 && turns.waiting() == 0);
    }

    @Test
    void aHelloTrickledInPiecesTakesNoTurnUntilItsRecordIsWhole() throws Exception {
        byte[] hello = clientHello();
        assertThat(turns.request(() -> { })).as("the test holds one turn, the client below needs the other").isTrue();
        try (Socket trickling = new Socket("127.0.0.1", port())) {
            OutputStream out = trickling.getOutputStream();
            out.write(hello, 0, 3);
            out.flush();
            // a client keeping half a hello would hold the last turn if a piece took one
            try (Socket second = new Socket("127.0.0.1", port())) {
                second.getOutputStream().write(hello, 0, hello.length / 2);
                assertThat(get()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(turns.waiting()).isZero();
            }
            out.write(hello, 3, hello.length - 3);
            out.flush();
            InputStream in = trickling.getInputStream();
            trickling.setSoTimeout((int) LIVENESS.toMillis());
            assertThat(in.read()).as("the server's hello, a handshake record").isEqualTo(22);
        }
        turns.finished();
        await().atMost(LIVENESS).until(() -> turns.working() == 0);
    }
}
