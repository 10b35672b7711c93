package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordedChunk;
import dev.ums.recording.RecordingReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device behind the gateway whose sessions must be recorded (docs/RECORDING.md): the console's session, which
 * would otherwise meet the device in the gateway's relay, is bridged by the server, so it passes the server's relay
 * and is recorded; the console (its own connector, unchanged) gets a tunnel to the server and shadows as usual.
 */
class GatewayRecordingTest extends GatewayBranchFixture {
    @BeforeEach
    void start() throws Exception {
        startBranch("branch-rec", c -> c.toBuilder().recordSessions(true).build(), c -> c);
    }

    @Test
    void theConsolesSessionThroughTheGatewayIsBridgedByTheServerAndRecorded() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(device().online()));
        assertThat(device().route()).isEqualTo("icg");
        try (ShadowConnection session = new ShadowConnector(console).open(device(), false, (step, detail) -> { })) {
            assertThat(session.session().tunnelUrl()).startsWith(server.baseUrl().replace("https", "wss"));
            assertThat(session.session().fingerprint()).isNull();
            assertThat(session.input().readNBytes(12)).asString(StandardCharsets.US_ASCII).isEqualTo("RFB 003.008\n");
            session.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            session.output().flush();
            assertThat(session.input().read()).as("the security types follow").isPositive();
        }
        AuditEntry entry = await().atMost(Duration.ofSeconds(15)).until(
                () -> console.shadowLog(agent.deviceId()).get(0), e -> e.end() != null && e.recording() != null);
        assertThat(entry.route()).isEqualTo("icg");
        Path file = dir.resolve("server").resolve("recordings").resolve(entry.recording());
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
        assertThat(fromDevice.toString(StandardCharsets.US_ASCII)).startsWith("RFB 003.008\n");
        assertThat(fromDevice.size()).isGreaterThan(12);
        assertThat(fromConsole.toString(StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
    }
}
