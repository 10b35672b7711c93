package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.ums.icg.internal.DeviceSocket;
import dev.ums.icg.internal.ServerLinkSocket;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.UmsServer;
import dev.ums.testkit.log.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a device behind the gateway sends, with a real linked server: a message the server's link would not take
 * closes the device's socket instead of the link of every device, a binary frame closes it with a sentence, and
 * a device that reconnects to send malformed messages again and again fills the log with a bounded number of lines.
 */
class DeviceForwardingTest {
    @TempDir
    Path dir;
    IcgServer gateway;
    UmsServer server;
    HttpClient http;

    @RegisterExtension
    final CapturedLog linkLog = new CapturedLog(ServerLinkSocket.class);
    @RegisterExtension
    final CapturedLog deviceLog = new CapturedLog(DeviceSocket.class);

    @BeforeEach
    void start() throws Exception {
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg"), LinkedCluster.SECRET));
        server = LinkedCluster.serverLinkedTo(gateway, dir);
        http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
    }

    @AfterEach
    void stop() {
        server.close();
        gateway.close();
    }

    /**
     * A valid device message of 30,000 quotes is under the device's limit of 64 Ki characters, but forwarded (its
     * JSON escaped once more inside the gateway's message) it would be over the link's, and the server leaves a
     * link that sends one: every device of the gateway would go offline with it.
     */
    @Test
    void aMessageTooLargeToForwardClosesTheDeviceSocketAndNotTheServersLink() throws Exception {
        Enrollment device = enroll("Large");
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = connect(device, closed);
        ws.sendText(hello("Large"), true).join();
        String large = new UpMessage.ShadowResult("s-1", ShadowOutcome.ERROR, "\"".repeat(30_000)).toJson();
        assertThat(large.length()).isLessThan(WireJson.MAX_MESSAGE_CHARS);

        ws.sendText(large, true).join();

        assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo("1009 the message is too large to forward to the server");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(
                () -> gateway.serverConnected() && linkLog.events().stream()
                        .noneMatch(e -> e.getFormattedMessage().startsWith("UMS server disconnected")));
    }

    @Test
    void aBinaryFrameClosesTheDeviceSocketWithASentence() throws Exception {
        Enrollment device = enroll("Binary");
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = connect(device, closed);
        ws.sendText(hello("Binary"), true).join();

        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();

        assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo("1003 the Unified Protocol has text frames only");
    }

    /** Each connection sends one malformed message and is closed; the lines about them are limited. */
    @Test
    void malformedMessagesOfADeviceThatKeepsReconnectingAreLoggedAtMostTwentyTimesAMinute() throws Exception {
        Enrollment device = enroll("Noisy");
        for (int i = 0; i < 30; i++) {
            CompletableFuture<String> closed = new CompletableFuture<>();
            WebSocket ws = connect(device, closed);
            ws.sendText("{not json " + i, true).join();
            assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo("1007 the message is not a valid Unified Protocol message");
        }
        // the limit is the gateway's, its minute counted from the gateway's start a moment ago
        assertThat(deviceLog.events()).filteredOn(e -> e.getLevel() == Level.WARN).hasSizeLessThanOrEqualTo(20);
    }

    private static String hello(String name) {
        return new UpMessage.Hello(name, "unit-" + name, "00:11", "12", "test", null).toJson();
    }

    private Enrollment enroll(String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + UpPaths.ENROLL))
                        .header("Authorization", "Bearer enroll-secret").POST(HttpRequest.BodyPublishers.ofString(
                                WireJson.write(new EnrollmentRequest(name, "unit-" + name, "00:11", "12", null)))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return WireJson.read(body, Enrollment.class);
    }

    private WebSocket connect(Enrollment device, CompletableFuture<String> closed) throws Exception {
        return DeviceUpSocket.open(http, gateway, device, closed);
    }
}
