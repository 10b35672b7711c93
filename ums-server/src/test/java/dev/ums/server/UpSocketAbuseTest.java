package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.internal.up.UpDispatcher;
import dev.ums.server.internal.up.UpSocket;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.log.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An authenticated device's UP socket sending what the protocol has no place for, over real TLS WebSockets: binary
 * frames, frames over the size limit, a name that would forge log lines, a flood of frames. Its socket is closed with
 * a sentence (or the message ignored), the log gets single lines, and another device's connection and the server's
 * record of the device stay as they were.
 */
class UpSocketAbuseTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final CapturedLog socketLog = new CapturedLog(UpSocket.class);
    @RegisterExtension
    final CapturedLog dispatcherLog = new CapturedLog(UpDispatcher.class);

    @RegisterExtension
    final CapturedLog secretsLog = new CapturedLog(dev.ums.server.internal.shadow.SecureVncSecrets.class);

    @TempDir
    Path data;
    UmsServer server;
    RestClient rest;
    FakeDevice bystander;

    @BeforeEach
    void start() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(data));
        rest = RestClient.asAdmin(server);
        bystander = ServerDevices.enroll(server, "Bystander").connect();
    }

    @AfterEach
    void stop() {
        bystander.close();
        server.close();
    }

    /** A device's UP socket written by hand, for frames the fake device does not send. */
    private static final class RawUp implements WebSocket.Listener {
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final CompletableFuture<String> welcomed = new CompletableFuture<>();
        WebSocket ws;

        static RawUp open(UmsServer server, Enrollment enrollment) throws Exception {
            RawUp raw = new RawUp();
            HttpClient http = RestClient.pinnedClient(server);
            raw.ws = http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                    .buildAsync(URI.create(server.baseUrl().replaceFirst("^https", "wss") + UpPaths.UP), raw)
                    .get(20, TimeUnit.SECONDS);
            return raw;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (data.toString().contains("\"welcome\"")) {
                welcomed.complete(data.toString());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("failed: " + error);
        }

        String closedByServer() throws Exception {
            return closed.get(20, TimeUnit.SECONDS);
        }
    }

    private ThinClient record(String id) {
        return rest.get("/umsapi/v3/thinclients/" + id + "?facets=online,details").as(ThinClient.class);
    }

    private static long lines(CapturedLog log, String containing) {
        return log.events().stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).count();
    }

    @Test
    void aBinaryFrameClosesTheSocketWithASentenceAndOneLogLine() throws Exception {
        FakeDevice device = ServerDevices.enroll(server, "Binary");
        RawUp raw = RawUp.open(server, device.enrollment());
        raw.ws.sendText(new UpMessage.Hello("Binary", "unit-Binary", "m", "12", "1", null).toJson(), true).join();
        raw.welcomed.get(20, TimeUnit.SECONDS);

        raw.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();

        assertThat(raw.closedByServer()).isEqualTo("1003 the Unified Protocol has text frames only");
        assertThat(lines(socketLog, "sent a binary frame")).as("rate-limited, shared with other tests").isLessThanOrEqualTo(1);
        assertThat(record(device.id()).name()).isEqualTo("Binary");
        assertThat(bystander.isOnline()).isTrue();
        assertThat(record(bystander.id()).online()).isTrue();
    }

    @Test
    void aFrameOverTheSizeLimitClosesOnlyThatDevicesSocket() throws Exception {
        FakeDevice device = ServerDevices.enroll(server, "Huge");
        RawUp raw = RawUp.open(server, device.enrollment());
        raw.ws.sendText(new UpMessage.Hello("Huge", "unit-Huge", "m", "12", "1", null).toJson(), true).join();
        raw.welcomed.get(20, TimeUnit.SECONDS);

        raw.ws.sendText("{\"type\":\"heartbeat\",\"pad\":\"" + "x".repeat(200_000) + "\"}", true)
                .exceptionally(e -> null).join();

        // the server closes with 1009 as soon as the frame's header shows its length; a client still writing the
        // rest may see its write fail before it reads that close
        assertThat(raw.closedByServer()).satisfiesAnyOf(reason -> assertThat(reason).startsWith("1009"),
                reason -> assertThat(reason).startsWith("failed: java.io.IOException"));
        await().atMost(WAIT).until(() -> !record(device.id()).online());
        assertThat(record(device.id()).name()).isEqualTo("Huge");
        assertThat(bystander.isOnline()).isTrue();
        assertThat(record(bystander.id()).online()).isTrue();
    }

    @Test
    void aNameWithLineBreaksCannotForgeLogLines() throws Exception {
        FakeDevice device = ServerDevices.enroll(server, "Forger");
        RawUp raw = RawUp.open(server, device.enrollment());

        raw.ws.sendText(new UpMessage.Hello("Forger\n2026-01-01 INFO device 1 (Real) online\r", "unit-Forger", "m", "12",
                "1", null).toJson(), true).join();
        raw.welcomed.get(20, TimeUnit.SECONDS);

        // the welcome goes out before the line is written
        await().atMost(WAIT).ignoreExceptions().until(() -> lines(dispatcherLog, "Forger") > 0);
        assertThat(dispatcherLog.events()).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(m -> m.contains("Forger")).hasSize(1).allSatisfy(m -> assertThat(m)
                        .doesNotContain("\n").doesNotContain("\r"));

        raw.ws.sendText("{\"type\":\"x\\n2026-01-01 INFO forged\"}", true).join();

        assertThat(raw.closedByServer()).isEqualTo("1007 the message is not a valid Unified Protocol message");
        assertThat(socketLog.events()).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(m -> assertThat(m).doesNotContain("\n"));
    }

    @Test
    void aDeviceCannotAnswerAnotherDevicesShadowRequest() throws Exception {
        CompletableFuture<String> asked = new CompletableFuture<>();
        CompletableFuture<Void> answer = new CompletableFuture<>();
        try (FakeDevice target = ServerDevices.enroll(server, "Target").answering(open -> {
                    asked.complete(open.sessionId());
                    answer.join();
                    return ShadowOutcome.DECLINED;
                }).connect();
             FakeDevice other = ServerDevices.enroll(server, "Other").connect()) {
            CompletableFuture<RestClient.Reply> reply = CompletableFuture.supplyAsync(() ->
                    rest.post("/umsapi/v3/thinclients/" + target.id() + "/shadow", "{\"viewOnly\":false}", null));
            String sessionId = asked.get(20, TimeUnit.SECONDS);

            other.sendRaw(new UpMessage.ShadowResult(sessionId, ShadowOutcome.ACCEPTED, null).toJson());
            Thread.sleep(500);
            answer.complete(null);

            assertThat(reply.get(40, TimeUnit.SECONDS).status()).as("the target's own answer, a refusal").isEqualTo(403);
        }
    }

    @Test
    void aDeviceCannotEndAnotherDevicesRunningSession() throws Exception {
        try (FakeDevice target = ServerDevices.enroll(server, "Target").connect();
             FakeDevice other = ServerDevices.enroll(server, "Other").connect()) {
            RestClient.Reply reply = rest.post("/umsapi/v3/thinclients/" + target.id() + "/shadow", "{\"viewOnly\":false}",
                    null);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            ShadowSession session = reply.as(ShadowSession.class);
            try (WebSocketEndpoint console = WebSocketEndpoint.connect(RestClient.pinnedClient(server),
                    URI.create(session.tunnelUrl()), session.token(), WAIT);
                 WebSocketEndpoint device = target.nextTunnel()) {
                other.sendRaw(new UpMessage.ShadowClosed(session.sessionId(), "forged").toJson());
                other.sendRaw(new UpMessage.ShadowResult(session.sessionId(), ShadowOutcome.DECLINED, "forged").toJson());
                Thread.sleep(1000);

                device.output().write(new byte[] {42});
                device.output().flush();
                assertThat(console.input().read()).as("a byte through the target's session").isEqualTo(42);
            }
        }
    }

    @Test
    void aFloodOfSessionPasswordChecksIsCutOffAfterTheMinutesBudget() throws Exception {
        try (FakeDevice guesser = ServerDevices.enroll(server, "Guesser").connect()) {
            for (int i = 0; i < 500 && !guesser.isClosed(); i++) {
                guesser.sendRaw(new UpMessage.ShadowPasswordCheck("r" + i, java.util.UUID.randomUUID().toString())
                        .toJson());
            }

            assertThat(guesser.closedByServer())
                    .isEqualTo("1000 too many session password checks; connect again in a minute");
        }
        assertThat(lines(secretsLog, "bad session password")).isLessThanOrEqualTo(30);
        assertThat(bystander.isOnline()).isTrue();
    }

    @Test
    void aFloodOfMalformedAndUnansweredMessagesLeavesOtherDevicesAlone() throws Exception {
        try (FakeDevice flooder = ServerDevices.enroll(server, "Flooder").connect()) {
            for (int i = 0; i < 2_000 && !flooder.isClosed(); i++) {
                flooder.sendRaw(new UpMessage.Heartbeat(i).toJson());
                flooder.sendRaw(new UpMessage.ShadowClosed("never-asked-" + i, "r").toJson());
            }
            flooder.sendRaw("{not json");

            assertThat(flooder.closedByServer()).isEqualTo("1007 the message is not a valid Unified Protocol message");
        }
        assertThat(lines(socketLog, "malformed message")).as("rate-limited, shared with other tests").isLessThanOrEqualTo(1);
        assertThat(bystander.isOnline()).isTrue();
        assertThat(record(bystander.id()).online()).isTrue();
        assertThat(record(bystander.id()).name()).isEqualTo("Bystander");
    }
}
