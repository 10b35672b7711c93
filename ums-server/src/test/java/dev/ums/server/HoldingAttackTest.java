package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.BoundedBody;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.http.RawHttps;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks that used to hold the server's request threads, over real TLS sockets: slow and oversized
 * bodies, connections that never authenticate, shadow requests for devices that do not answer. Each test
 * holds more than the server has request threads (200) where that is the point, and checks that the server
 * still answers while they are held.
 */
class HoldingAttackTest {
    private static final String ENROLL_BODY = enrollBody(0);

    /** A device's enrollment; each {@code n} a device of its own, all bodies of one length. */
    private static String enrollBody(int n) {
        return WireJson.write(new EnrollmentRequest("Slow", String.format("unit-slow-%04d", n), "00:11:22:33:44:66",
                "12", null));
    }

    @TempDir
    Path data;
    UmsServer server;
    final List<RawHttps> held = new ArrayList<>();

    private void start(ServerConfig config) throws Exception {
        server = UmsServer.start(config);
    }

    @AfterEach
    void stop() throws Exception {
        for (RawHttps c : held) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SSLContext tls() {
        return PinnedTrust.fingerprint(server.fingerprint()).sslContext();
    }

    private RawHttps connect() throws Exception {
        RawHttps c = RawHttps.connect(tls(), "127.0.0.1", server.port());
        held.add(c);
        return c;
    }

    private static String enrollHead(String token, long length) {
        return RawHttps.head("POST", UpPaths.ENROLL, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json", "Content-Length", String.valueOf(length)));
    }

    @Test
    void anEnrollmentWithoutAValidTokenIsRefusedBeforeItsBodyIsRead() throws Exception {
        start(ServerConfig.forTests(data));
        RawHttps c = connect().send(enrollHead("not-the-token", 100_000));

        RawHttps.Reply reply = c.reply(Duration.ofSeconds(20));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(WireJson.read(reply.body(), Message.class).message())
                .isEqualTo("the enrollment token is missing, unknown, used up, expired or revoked");
        // the client learns not to send its next request on a connection whose unread body ends it
        assertThat(reply.headers()).containsEntry("connection", "close");
        assertThat(c.closedWithin(Duration.ofSeconds(20))).as("connection closed after the refusal").isTrue();
    }

    /** A small refused body, the kind a client sends along with its headers, still closes the connection. */
    @Test
    void aRefusedRequestWithASmallBodyTellsTheClientTheConnectionCloses() throws Exception {
        start(ServerConfig.forTests(data));
        RawHttps c = connect().send(RawHttps.request("POST", "/umsapi/v3/enrollmenttokens",
                Map.of("Content-Type", "application/json"), "{\"maxUses\":5}"));

        RawHttps.Reply reply = c.reply(Duration.ofSeconds(20));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.headers()).containsEntry("connection", "close");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedFromItsLengthAlone() throws Exception {
        start(ServerConfig.forTests(data));
        RawHttps c = connect().send(enrollHead("enroll-secret", 1_000_000));

        assertRefusal(c, Duration.ofSeconds(20), 413, "the request body is larger than 16 KiB");
        assertThat(c.closedWithin(Duration.ofSeconds(20))).as("connection closed after the refusal").isTrue();
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsRefused() throws Exception {
        start(ServerConfig.forTests(data));
        RawHttps c = connect().send(RawHttps.head("POST", UpPaths.ENROLL, Map.of("Authorization",
                "Bearer enroll-secret", "Transfer-Encoding", "chunked", "Content-Type", "application/json")));
        String chunk = "x".repeat(4096);
        for (int i = 0; i < 5; i++) {
            c.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
        }
        RawHttps.Reply reply = c.reply(Duration.ofSeconds(20));
        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void aBodyTrickledSlowerThanTheMinimumRateIsCutOff() throws Exception {
        start(ServerConfig.forTests(data));
        RawHttps c = connect().send(enrollHead("enroll-secret", ENROLL_BODY.length()));
        c.send(ENROLL_BODY.substring(0, 1));

        assertRefusal(c, Duration.ofSeconds(60), 408,
                "the request body arrived too slowly (at least 256 bytes a second, all within 30 seconds)");
        assertThat(c.closedWithin(Duration.ofSeconds(20))).as("connection closed after the refusal").isTrue();
    }

    /** The server answers {@code c} within {@code wait} with {@code status} and {@code sentence}. */
    private static void assertRefusal(RawHttps c, Duration wait, int status, String sentence) throws Exception {
        RawHttps.Reply reply = c.reply(wait);
        assertThat(reply.status()).isEqualTo(status);
        assertThat(WireJson.read(reply.body(), Message.class).message()).isEqualTo(sentence);
    }

    /** 300 uploads in progress, more than the server's 200 request threads: a login still gets its answer. */
    @Test
    void slowUploadsHoldNoThreadsSoALoginStillAnswers() throws Exception {
        start(ServerConfig.forTests(data));
        List<RawHttps> uploads = new ArrayList<>();
        long[] started = new long[300];
        for (int i = 0; i < started.length; i++) {
            RawHttps c = connect().send(enrollHead("enroll-secret", ENROLL_BODY.length()));
            started[i] = System.nanoTime();
            c.send(enrollBody(i).substring(0, 10));
            uploads.add(c);
        }

        RestClient rest = RestClient.asAdmin(server);
        assertThat(rest.get("/umsapi/v3/serverstatus").status()).isEqualTo(200);

        // the uploads were still waiting for their bodies while the login was answered; they finish normally, unless
        // the test itself (opening 300 connections on a busy machine) took them past the slow-body grace of 5 s
        long[] finished = new long[started.length];
        for (int i = uploads.size() - 1; i >= 0; i--) {    // the last opened first: they are the youngest
            uploads.get(i).send(enrollBody(i).substring(10));
            finished[i] = System.nanoTime();
        }
        Duration grace = BoundedBody.Limits.UNAUTHENTICATED.grace();
        for (int i = 0; i < uploads.size(); i++) {
            int status = uploads.get(i).reply(Duration.ofSeconds(60)).status();
            if (Duration.ofNanos(finished[i] - started[i]).compareTo(grace.minusSeconds(1)) < 0) {
                assertThat(status).as("upload %d, whole within the grace", i).isEqualTo(200);
            } else {
                assertThat(status).as("upload %d, past the grace", i).isIn(200, 408);
            }
        }
    }

    @Test
    void oneAddressHoldsOnlyItsLimitOfUnauthenticatedConnections() throws Exception {
        start(ServerConfig.forTests(data).withUnauthenticatedPerAddress(5));
        RestClient rest = new RestClient(server);
        FakeDevice device = ServerDevices.enroll(server, "Counted").connect();
        for (int i = 0; i < 5; i++) {
            connect();
        }

        // the sixth is closed at accept: its TLS handshake cannot complete
        assertThat(handshakeFails()).as("sixth unauthenticated connection refused").isTrue();
        // the device's socket authenticated, so it was never counted, and it still works
        assertThat(device.checkPassword("no-such-password")).isFalse();

        held.remove(0).close();
        assertThat(eventually(() -> !handshakeFails())).as("a slot frees when a connection closes").isTrue();
        device.close();
    }

    private boolean handshakeFails() {
        try (RawHttps c = RawHttps.connect(tls(), "127.0.0.1", server.port())) {
            c.send(RawHttps.head("GET", "/umsapi/v3/serverstatus", Map.of()));
            return c.reply(Duration.ofSeconds(10)).status() != 200;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** 250 shadow requests wait for a device that does not answer; none of them holds a request thread. */
    @Test
    void shadowRequestsWaitingForADeviceHoldNoThreads() throws Exception {
        // the client opens its 250 connections at once, before any of them authenticated
        start(ServerConfig.forTests(data).withUnauthenticatedPerAddress(1000));
        RestClient rest = RestClient.asAdmin(server);
        CountDownLatch answerNow = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(250);
        FakeDevice device = ServerDevices.enroll(server, "Silent").answering(open -> {
            asked.countDown();
            try {
                answerNow.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ShadowOutcome.DECLINED;
        }).connect();

        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            requests.add(rest.http.sendAsync(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/umsapi/v3/thinclients/" + device.id() + "/shadow"))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{\"viewOnly\":true}"))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        assertThat(asked.await(60, TimeUnit.SECONDS)).as("the device was asked 250 times").isTrue();
        assertThat(requests).noneMatch(CompletableFuture::isDone);

        RestClient other = RestClient.asAdmin(server);
        assertThat(other.get("/umsapi/v3/thinclients").status()).isEqualTo(200);

        answerNow.countDown();
        for (CompletableFuture<HttpResponse<String>> r : requests) {
            HttpResponse<String> response = r.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(WireJson.read(response.body(), Message.class).message())
                    .isEqualTo(ShadowOutcome.DECLINED.sentence());
        }
        device.close();
    }

    @Test
    void anAcceptedShadowRequestStillAnswersWithItsSession() throws Exception {
        start(ServerConfig.forTests(data));
        RestClient rest = RestClient.asAdmin(server);
        FakeDevice device = ServerDevices.enroll(server, "Willing").connect();

        RestClient.Reply reply = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.as(ShadowSession.class).viewOnly()).isFalse();
        device.close();
    }
}
