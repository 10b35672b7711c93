package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ShadowRequest;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordedChunk;
import dev.ums.recording.RecordingReader;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real session recorded by the server: a real Xvnc behind the device's tunnel, the project's viewer on the
 * console's, the server started with recording on. The file holds both byte streams from their first RFB byte,
 * exactly what crossed the relay (the audit's byte counts), the viewer's pointer events among the console's bytes,
 * and the end; an administrator downloads the same bytes over REST.
 */
class SessionRecordingTest extends AdminServerFixture {
    @Override
    ServerConfig config() {
        return ServerConfig.forTests(data).toBuilder().recordSessions(true).build();
    }

    @Test
    void aRealSessionThroughTheRelayIsRecordedBothWaysAndDownloadable() throws Exception {
        try (XvncServer xvnc = XvncServer.start(640, 480);
             FakeDevice device = ServerDevices.enroll(server, "pos-rec").connect()) {
            ShadowSession session = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow",
                    new ShadowRequest(false), null).as(ShadowSession.class);
            WebSocketEndpoint deviceSide = device.nextTunnel();
            Socket vnc = new Socket(xvnc.host(), xvnc.port());
            BytePump.start("xvnc-tunnel", Endpoint.of(vnc), deviceSide, BytePump.DEFAULT_BOUND);
            WebSocketEndpoint consoleSide = WebSocketEndpoint.connect(console, URI.create(session.tunnelUrl()),
                    session.token(), Duration.ofSeconds(10));
            VncSession viewer = new VncSession(consoleSide.input(), consoleSide.output(), VncSettings.defaults()).start();
            assertThat(viewer.awaitFirstFrame(30, TimeUnit.SECONDS)).isTrue();
            viewer.sendPointer(101, 121, 0);
            viewer.sendPointer(101, 121, 1);
            viewer.sendPointer(101, 121, 0);
            Path recordings = data.resolve("recordings");
            await().atMost(Duration.ofSeconds(10)).until(() -> consoleBytes(recordings).length > 0
                    && contains(consoleBytes(recordings), new byte[] {5, 1, 0, 101, 0, 121}));
            viewer.close();
            consoleSide.close();
            vnc.close();

            AuditEntry entry = await().atMost(Duration.ofSeconds(15)).until(() -> rest.get("/umsapi/v3/thinclients/"
                    + device.id() + "/shadowlog").as(AuditEntry[].class)[0], e -> "COMPLETED".equals(e.outcome()));
            assertThat(entry.recording()).isEqualTo(session.sessionId() + ".umsrec");
            Path file = recordings.resolve(entry.recording());
            await().atMost(Duration.ofSeconds(10)).until(() -> completeRecording(file));

            ByteArrayOutputStream fromDevice = new ByteArrayOutputStream();
            ByteArrayOutputStream fromConsole = new ByteArrayOutputStream();
            try (RecordingReader reader = RecordingReader.open(file)) {
                assertThat(reader.header().sessionId()).isEqualTo(session.sessionId());
                assertThat(reader.header().deviceName()).isEqualTo("pos-rec");
                assertThat(reader.header().user()).isEqualTo("admin");
                assertThat(reader.header().route()).isEqualTo("direct");
                assertThat(reader.header().viewOnly()).isFalse();
                long last = -1;
                for (Optional<RecordedChunk> c = reader.next(); c.isPresent(); c = reader.next()) {
                    assertThat(c.get().atMicros()).isGreaterThanOrEqualTo(0);
                    (c.get().direction() == Direction.FROM_DEVICE ? fromDevice : fromConsole).write(c.get().bytes());
                    last = Math.max(last, c.get().atMicros());
                }
                assertThat(reader.complete()).isTrue();
                assertThat(reader.endReason()).isNotBlank();
            }
            assertThat(new String(fromDevice.toByteArray(), 0, 12, StandardCharsets.US_ASCII)).startsWith("RFB 003.00");
            assertThat(new String(fromConsole.toByteArray(), 0, 12, StandardCharsets.US_ASCII)).startsWith("RFB 003.00");
            assertThat(fromDevice.size()).isEqualTo(entry.bytesFromDevice());
            assertThat(fromConsole.size()).isEqualTo(entry.bytesToDevice());
            assertThat(contains(fromConsole.toByteArray(), new byte[] {5, 1, 0, 101, 0, 121}))
                    .as("the pointer press is among the console's bytes").isTrue();
            assertThat(fromDevice.size()).as("a 640x480 screen").isGreaterThan(1000);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recordings))).isEqualTo("rwx------");

            RestClient.Download download = rest.download("/umsapi/v3/shadowsessions/" + entry.id() + "/recording");
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(Files.readAllBytes(file));
        }
    }

    private static boolean completeRecording(Path file) {
        try (RecordingReader reader = RecordingReader.open(file)) {
            while (reader.next().isPresent()) {
                // read to the end
            }
            return reader.complete();
        } catch (IOException e) {
            return false;
        }
    }

    /** The console's bytes recorded so far (the writer flushes at least once a second). */
    private static byte[] consoleBytes(Path recordings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var files = Files.list(recordings)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (RecordingReader reader = RecordingReader.open(f)) {
                    for (Optional<RecordedChunk> c = reader.next(); c.isPresent(); c = reader.next()) {
                        if (c.get().direction() == Direction.FROM_CONSOLE) {
                            out.write(c.get().bytes());
                        }
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
