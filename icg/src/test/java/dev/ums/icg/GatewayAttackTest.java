package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.BoundedBody;
import dev.ums.server.UmsServer;
import dev.ums.testkit.http.RawHttps;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's HTTP entry and device sockets under attack, over real TLS with a real linked server: slow
 * and oversized enrollment bodies, enrollments without a token, anonymous connections from one address,
 * malformed and over-long device input, TLS hellos begun and stalled, guesses at the server link's secret.
 */
class GatewayAttackTest {
    @TempDir
    Path dir;
    IcgServer gateway;
    UmsServer server;
    final List<RawHttps> held = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg"), LinkedCluster.SECRET)
                .withUnauthenticatedPerAddress(400));
        server = LinkedCluster.serverLinkedTo(gateway, dir);
    }

    @AfterEach
    void stop() throws Exception {
        for (RawHttps c : held) {
            c.close();
        }
        server.close();
        gateway.close();
    }

    private SSLContext tls() {
        return PinnedTrust.fingerprint(gateway.fingerprint()).sslContext();
    }

    private RawHttps connect() throws Exception {
        RawHttps c = RawHttps.connect(tls(), "127.0.0.1", gateway.port());
        held.add(c);
        return c;
    }

    private static String enrollHead(String authorization, long length) {
        return RawHttps.head("POST", UpPaths.ENROLL, authorization == null
                ? Map.of("Content-Length", String.valueOf(length))
                : Map.of("Authorization", authorization, "Content-Length", String.valueOf(length)));
    }

    private static String sentence(RawHttps.Reply reply) {
        return WireJson.read(reply.body(), Message.class).message();
    }

    @Test
    void anEnrollmentWithoutATokenIsRefusedBeforeItsBodyAndABodyOverTheLimitFromItsLength() throws Exception {
        RawHttps.Reply noToken = connect().send(enrollHead(null, 100_000)).reply(Duration.ofSeconds(20));
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(sentence(noToken)).isEqualTo("the enrollment token is missing, unknown, used up, expired or revoked");
        assertThat(noToken.headers()).as("the client is told the connection ends").containsEntry("connection", "close");

        RawHttps.Reply large = connect().send(enrollHead("Bearer x", 100_000)).reply(Duration.ofSeconds(20));
        assertThat(large.status()).isEqualTo(413);
        assertThat(sentence(large)).isEqualTo("the request body is larger than 16 KiB");
    }

    /** 300 enrollments trickling their bodies, more than the gateway's 200 request threads. */
    @Test
    void slowUploadsHoldNoThreadsSoTheGatewayStillAnswers() throws Exception {
        String body = WireJson.write(new EnrollmentRequest("Slow", "unit-slow", "00:11", "12", null));
        List<RawHttps> uploads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            uploads.add(connect().send(enrollHead("Bearer wrong-token", body.length())).send(body.substring(0, 5)));
        }
        RawHttps check = connect().send(RawHttps.head("GET", GatewayPaths.CHECK_STATUS, Map.of()));
        assertThat(check.reply(Duration.ofSeconds(20)).status()).isEqualTo(200);

        for (RawHttps c : uploads) {
            c.send(body.substring(5));
        }
        // each upload is then refused: for its token, or (where opening the 300 took longer than the 5 s grace,
        // as on a loaded machine) for its body trickling too slowly, or (beyond the enrollments the gateway has the
        // server check at once) as busy
        for (RawHttps c : uploads) {
            RawHttps.Reply reply = c.reply(Duration.ofSeconds(60));
            assertThat(reply.status()).isIn(401, 408, 503);
            if (reply.status() == 401) {
                assertThat(sentence(reply)).isEqualTo("the enrollment token is missing, unknown, used up, expired or revoked");
            } else if (reply.status() == 503) {
                assertThat(sentence(reply)).isEqualTo("the gateway is busy; enroll again shortly");
            }
        }
    }

    /**
     * 40 connections that each send the start of a TLS hello and stall, ten times the handshakes the gateway computes
     * at once: a hello takes its turn only when its first record is whole, so they hold none and the gateway still
     * answers; each stalled one waits for the idle timeout.
     */
    @Test
    void stalledHalfHellosHoldNoHandshakeTurnSoTheGatewayStillAnswers() throws Exception {
        byte[] halfHello = {22, 3, 1, 0x02, 0x00, 1, 0, 1, (byte) 0xfc, 3, 3, 0, 0, 0, 0};  // a 512-byte record begun
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket("127.0.0.1", gateway.port());
                stalled.add(s);
                s.getOutputStream().write(halfHello);
                s.getOutputStream().flush();
            }
            RawHttps check = connect().send(RawHttps.head("GET", GatewayPaths.CHECK_STATUS, Map.of()));
            assertThat(check.reply(Duration.ofSeconds(20)).status()).isEqualTo(200);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /** A gateway that gives a body 1 s of grace instead of 5 s, the rest of the limits as they are. */
    @Test
    void aBodyTrickledTooSlowlyIsCutOff() throws Exception {
        gateway.close();
        BoundedBody.Limits limits = BoundedBody.Limits.UNAUTHENTICATED;
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg5"), LinkedCluster.SECRET).withEnrollmentBody(
                new BoundedBody.Limits(limits.maxBytes(), Duration.ofSeconds(1), limits.minBytesPerSecond(),
                        limits.deadline())));
        RawHttps c = connect().send(enrollHead("Bearer x", 100)).send("{");
        RawHttps.Reply reply = c.reply(Duration.ofSeconds(60));
        assertThat(reply.status()).isEqualTo(408);
        assertThat(c.closedWithin(Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void overLongEnrollmentFieldsForwardedToTheServerGetASentence() throws Exception {
        String body = WireJson.write(new EnrollmentRequest("n".repeat(201), "unit-long", "00:11", "12", null));
        RawHttps.Reply reply = connect().send(RawHttps.request("POST", UpPaths.ENROLL,
                Map.of("Authorization", "Bearer enroll-secret"), body)).reply(Duration.ofSeconds(20));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(sentence(reply)).isEqualTo("the device's name is longer than 200 characters");
    }

    @Test
    void oneAddressHoldsOnlyItsLimitOfUnauthenticatedConnections() throws Exception {
        gateway.close();
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg2"), LinkedCluster.SECRET)
                .withUnauthenticatedPerAddress(3));
        for (int i = 0; i < 3; i++) {
            connect();
        }
        boolean refused;
        try (RawHttps fourth = RawHttps.connect(tls(), "127.0.0.1", gateway.port())) {
            fourth.send(RawHttps.head("GET", GatewayPaths.CHECK_STATUS, Map.of()));
            refused = fourth.reply(Duration.ofSeconds(10)).status() != 200;
        } catch (java.io.IOException e) {
            refused = true;
        }
        assertThat(refused).as("the fourth unauthenticated connection is closed at accept").isTrue();
    }

    @Test
    void wrongGatewaySecretsFromOneAddressShutItOutForAMinuteWhileTheServersLinkStays() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(serverLinkStatus("wrong-secret-number-" + i)).isEqualTo(401);
        }
        assertThat(serverLinkStatus(LinkedCluster.SECRET)).as("even the right secret, from that address, for a minute")
                .isEqualTo(429);
        assertThat(gateway.serverConnected()).as("the linked server is not disturbed").isTrue();
    }

    @Test
    void aGatewaySecretTooShortToResistGuessingIsRefusedAtStartWithASentence() {
        assertThatThrownBy(() -> IcgConfig.forTests(dir.resolve("icg3"), "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the gateway secret in UMS_ICG_SECRET is too short to resist guessing: give it at least 16 "
                        + "characters (for example the output of `openssl rand -hex 16`)");
    }

    /**
     * A server that links but never answers: 32 enrollments at once are forwarded (and answered 503 when the server's
     * time is over: 12 s here instead of 15 s), and 8 more sent while those 32 wait are answered at once that the
     * gateway is busy, none queued.
     */
    @Test
    void enrollmentsWaitingForTheServerAreLimitedAndTheRestAnsweredBusy() throws Exception {
        gateway.close();
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg4"), LinkedCluster.SECRET)
                .withServerAnswerLimit(Duration.ofSeconds(12)));
        List<String> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newBuilder().sslContext(tls()).build();
        WebSocket silentServer = http.newWebSocketBuilder()
                .header("Authorization", GatewayPaths.AUTH_SCHEME + LinkedCluster.SECRET)
                .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + GatewayPaths.SERVER_LINK),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    if (text.indexOf("\"enroll.request\"") >= 0) {
                                        forwarded.add(text.toString());
                                    }
                                    text.setLength(0);
                                }
                                w.request(1);
                                return null;
                            }
                        }).get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(gateway::serverConnected);
        try {
            String body = WireJson.write(new EnrollmentRequest("Many", "unit-many", "00:11", "12", null));
            List<CompletableFuture<java.net.http.HttpResponse<String>>> replies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                if (i == 32) {
                    // the rest only once every slot waits for the server, so that none finds one freed by the limit
                    await().atMost(Duration.ofSeconds(30)).until(() -> forwarded.size() == 32);
                }
                replies.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(
                                URI.create(gateway.baseUrl() + UpPaths.ENROLL))
                        .header("Authorization", "Bearer some-token")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()));
            }
            List<String> sentences = new ArrayList<>();
            for (CompletableFuture<java.net.http.HttpResponse<String>> reply : replies) {
                java.net.http.HttpResponse<String> r = reply.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(503);
                sentences.add(WireJson.read(r.body(), Message.class).message());
            }
            assertThat(sentences).filteredOn("the gateway is busy; enroll again shortly"::equals).hasSize(8);
            assertThat(sentences).filteredOn("the UMS server did not answer the gateway in time"::equals).hasSize(32);
            assertThat(forwarded).hasSize(32);
        } finally {
            silentServer.abort();
        }
    }

    /** The HTTP status a server-link upgrade presenting {@code secret} gets (101 when linked; then dropped again). */
    private int serverLinkStatus(String secret) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls()).build();
        try {
            WebSocket ws = http.newWebSocketBuilder().header("Authorization", GatewayPaths.AUTH_SCHEME + secret)
                    .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + GatewayPaths.SERVER_LINK),
                            new WebSocket.Listener() { })
                    .get(20, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Test
    void aMalformedDeviceMessageOrAHelloFloodClosesTheDeviceSocketWithASentence() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(tls()).build();
        String enrolled = http.send(java.net.http.HttpRequest.newBuilder(URI.create(gateway.baseUrl() + UpPaths.ENROLL))
                .header("Authorization", "Bearer enroll-secret").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        WireJson.write(new EnrollmentRequest("Noisy", "unit-noisy", "00:11", "12", null)))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Enrollment enrollment = WireJson.read(enrolled, Enrollment.class);

        assertThat(closeAfter(http, enrollment, List.of("{not json")))
                .isEqualTo("1007 the message is not a valid Unified Protocol message");
        String hello = new UpMessage.Hello("Noisy", "unit-noisy", "00:11", "12", "test", null).toJson();
        assertThat(closeAfter(http, enrollment, java.util.Collections.nCopies(20, hello)))
                .isEqualTo("1008 too many hello messages; connect again in a minute");
    }

    private String closeAfter(HttpClient http, Enrollment enrollment, List<String> messages) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = DeviceUpSocket.open(http, gateway, enrollment, closed);
        for (String m : messages) {
            if (closed.isDone()) {
                break;
            }
            try {
                ws.sendText(m, true).join();
            } catch (java.util.concurrent.CompletionException e) {
                break;
            }
        }
        return closed.get(20, TimeUnit.SECONDS);
    }
}
