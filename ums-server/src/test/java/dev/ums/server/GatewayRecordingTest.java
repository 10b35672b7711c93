package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.icg.IcgConfig;
import dev.ums.icg.IcgServer;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordedChunk;
import dev.ums.recording.RecordingReader;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device behind a real Cloud Gateway whose sessions must be recorded: the console's session, which would
 * otherwise meet the device in the gateway's relay, is bridged by the server (it opens the gateway's tunnel itself)
 * so that it passes the server's relay; the console gets a tunnel to the server and notices nothing, and the
 * recording holds both directions.
 */
class GatewayRecordingTest {
    @TempDir
    Path data;
    IcgServer gateway;
    UmsServer server;
    RestClient rest;

    @BeforeEach
    void start() throws Exception {
        gateway = IcgServer.start(IcgConfig.forTests(data.resolve("icg"), "gateway-secret"));
        server = UmsServer.start(ServerConfig.forTests(data.resolve("server")).toBuilder()
                .gateways(List.of(new GatewayTarget(gateway.baseUrl(), gateway.fingerprint())), "gateway-secret")
                .recordSessions(true).build());
        await().atMost(Duration.ofSeconds(20)).until(gateway::serverConnected);
        rest = new RestClient(server);
        rest.login("admin", "admin-secret");
    }

    @AfterEach
    void stop() {
        server.close();
        gateway.close();
    }

    @Test
    void aConsoleSessionThroughTheGatewayIsBridgedByTheServerAndRecorded() throws Exception {
        Enrollment enrollment = FakeDevice.enroll(rest, "behind-nat", "unit-behind-nat", "enroll-secret")
                .as(Enrollment.class);
        try (FakeDevice device = new FakeDevice(gateway.baseUrl(), gateway.fingerprint(), enrollment)
                .connect("behind-nat")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> rest.get("/umsapi/v3/thinclients/" + device.id()
                    + "?facets=online,details").body().contains("\"route\":\"icg\""));
            ShadowSession session = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null)
                    .as(ShadowSession.class);
            assertThat(session.tunnelUrl()).startsWith("wss://127.0.0.1:" + server.port() + "/shadow/tunnel/");
            assertThat(session.fingerprint()).as("the tunnel ends at the server, whose pin the console holds")
                    .isNull();

            WebSocketEndpoint deviceSide = device.nextTunnel();
            HttpClient console = HttpClient.newBuilder()
                    .sslContext(PinnedTrust.fingerprint(server.fingerprint()).sslContext()).build();
            WebSocketEndpoint consoleSide = WebSocketEndpoint.connect(console, URI.create(session.tunnelUrl()),
                    session.token(), Duration.ofSeconds(10));
            deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(consoleSide.input().readNBytes(12)).asString(StandardCharsets.US_ASCII).isEqualTo("RFB 003.008\n");
            consoleSide.output().write("RFB 003.003\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(deviceSide.input().readNBytes(12)).asString(StandardCharsets.US_ASCII).isEqualTo("RFB 003.003\n");
            consoleSide.close();

            AuditEntry entry = await().atMost(Duration.ofSeconds(15)).until(() -> rest.get("/umsapi/v3/thinclients/"
                    + device.id() + "/shadowlog").as(AuditEntry[].class)[0], e -> e.end() != null && e.recording() != null);
            assertThat(entry.route()).isEqualTo("icg");
            Path file = data.resolve("server").resolve("recordings").resolve(entry.recording());
            ByteArrayOutputStream fromDevice = new ByteArrayOutputStream();
            ByteArrayOutputStream fromConsole = new ByteArrayOutputStream();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                fromDevice.reset();
                fromConsole.reset();
                try (RecordingReader reader = RecordingReader.open(file)) {
                    assertThat(reader.header().route()).isEqualTo("icg, bridged by the server");
                    for (Optional<RecordedChunk> c = reader.next(); c.isPresent(); c = reader.next()) {
                        (c.get().direction() == Direction.FROM_DEVICE ? fromDevice : fromConsole).write(c.get().bytes());
                    }
                    assertThat(reader.complete()).isTrue();
                }
            });
            assertThat(fromDevice.toString(StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            assertThat(fromConsole.toString(StandardCharsets.US_ASCII)).isEqualTo("RFB 003.003\n");
        }
    }
}
