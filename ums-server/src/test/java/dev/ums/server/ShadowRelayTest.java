package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ShadowRequest;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.relay.TlsServerFactory;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.http.RawHttps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShadowRelayTest extends AdminServerFixture {
    private WebSocketEndpoint openConsoleTunnel(ShadowSession s) throws IOException {
        return WebSocketEndpoint.connect(console, URI.create(s.tunnelUrl()), s.token(), Duration.ofSeconds(10));
    }

    @Test
    void bytesFlowBothWaysAndTheAuditLogRecordsThem() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            RestClient.Reply reply = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", new ShadowRequest(false), null);
            assertThat(reply.status()).isEqualTo(200);
            ShadowSession session = reply.as(ShadowSession.class);
            assertThat(session.tunnelUrl()).startsWith("wss://127.0.0.1:" + server.port() + "/shadow/tunnel/");
            assertThat(session.tunnelUrl()).doesNotContain(session.token());
            assertThat(session.route()).isEqualTo("direct");

            WebSocketEndpoint deviceSide = device.nextTunnel();
            WebSocketEndpoint consoleSide = openConsoleTunnel(session);
            deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(consoleSide.input().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            consoleSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(deviceSide.input().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");

            consoleSide.close();
            assertThat(deviceSide.input().read()).isEqualTo(-1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                AuditEntry[] log = rest.get("/umsapi/v3/thinclients/" + device.id() + "/shadowlog").as(AuditEntry[].class);
                assertThat(log).singleElement().satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo("COMPLETED");
                    assertThat(e.admin()).isEqualTo("admin");
                    assertThat(e.bytesToDevice()).isEqualTo(12);
                    assertThat(e.bytesFromDevice()).isEqualTo(12);
                    assertThat(e.end()).isNotNull();
                    assertThat(e.route()).isEqualTo("direct");
                });
            });
        }
    }

    @Test
    void aTunnelTokenWorksOnceAndOnlyForItsSession() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-2").connect()) {
            ShadowSession first = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", new ShadowRequest(false), null)
                    .as(ShadowSession.class);
            ShadowSession second = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", new ShadowRequest(true), null)
                    .as(ShadowSession.class);
            assertThat(second.viewOnly()).isTrue();
            ShadowSession swapped = new ShadowSession(second.sessionId(), second.tunnelUrl(), first.token(), "direct",
                    false, 30, null);
            assertThatThrownBy(() -> openConsoleTunnel(swapped)).hasMessageContaining("refused the session token (HTTP 401)");
            ShadowSession unknown = new ShadowSession(first.sessionId(), first.tunnelUrl(), "not-a-token", "direct",
                    false, 30, null);
            assertThatThrownBy(() -> openConsoleTunnel(unknown)).hasMessageContaining("HTTP 401");
            openConsoleTunnel(second).close();
            assertThatThrownBy(() -> openConsoleTunnel(second)).hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void aTunnelDeclinesCompressionItsAlreadyCompressedBytesWouldOnlyPayFor() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-9").connect()) {
            ShadowSession session = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow",
                    new ShadowRequest(false), null).as(ShadowSession.class);
            URI tunnel = URI.create(session.tunnelUrl());
            try (RawHttps raw = RawHttps.connect(PinnedTrust.fingerprint(server.fingerprint()).sslContext(),
                    tunnel.getHost(), tunnel.getPort())) {
                RawHttps.Reply reply = raw.send(RawHttps.head("GET", tunnel.getPath(), Map.of("Upgrade", "websocket",
                        "Connection", "Upgrade", "Sec-WebSocket-Version", "13",
                        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                        "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits",
                        "Authorization", "Bearer " + session.token()))).reply(Duration.ofSeconds(10));

                assertThat(reply.status()).isEqualTo(101);
                assertThat(reply.headers()).doesNotContainKey("sec-websocket-extensions");
            }
        }
    }

    @Test
    void refusalsReachTheConsoleAsSentences() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-3")) {
            RestClient.Reply offline = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null);
            assertThat(offline.status()).isEqualTo(409);
            assertThat(offline.as(Message.class).message()).isEqualTo("the device is offline");

            device.answering(open -> ShadowOutcome.DECLINED).connect();
            RestClient.Reply declined = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null);
            assertThat(declined.status()).isEqualTo(403);
            assertThat(declined.as(Message.class).message()).isEqualTo("the user at the device declined the session");

            device.answering(open -> ShadowOutcome.NO_VNC_SERVER);
            RestClient.Reply noVnc = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null);
            assertThat(noVnc.status()).isEqualTo(502);
            assertThat(noVnc.as(Message.class).message()).isEqualTo("the device's VNC server is not running");

            rest.put("/umsapi/v3/thinclients/" + device.id() + "/shadowsettings", new ShadowSettings(false, true, true));
            RestClient.Reply notAllowed = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null);
            assertThat(notAllowed.status()).isEqualTo(403);
            assertThat(notAllowed.as(Message.class).message()).isEqualTo("shadowing is not allowed on this device");

            AuditEntry[] log = rest.get("/umsapi/v3/thinclients/" + device.id() + "/shadowlog").as(AuditEntry[].class);
            assertThat(log).extracting(AuditEntry::outcome)
                    .containsExactly("NOT_ALLOWED", "NO_VNC_SERVER", "DECLINED", "OFFLINE");
        }
    }

    @Test
    void theDeviceGetsTheSettingsAndAMalformedMessageClosesItsSocketWithASentence() throws Exception {
        AtomicBoolean sawSettings = new AtomicBoolean();
        try (FakeDevice device = ServerDevices.enroll(server, "pos-4").connect()) {
            device.answering(open -> {
                sawSettings.set(open.settings() != null && open.settings().promptUser() && !open.viewOnly());
                return ShadowOutcome.DECLINED;
            });
            assertThat(rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null).status()).isEqualTo(403);
            assertThat(sawSettings).isTrue();

            device.sendRaw("{this is not json");
            assertThat(device.closedByServer()).isEqualTo("1007 the message is not a valid Unified Protocol message");
        }
    }

    /** A viewer that stops reading: the device side stops being read, the server holds at most one frame. */
    @Test
    void aViewerThatStopsReadingStopsTheDeviceAndServerMemoryStaysFlat() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-5").connect()) {
            ShadowSession session = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null)
                    .as(ShadowSession.class);
            WebSocketEndpoint deviceSide = device.nextTunnel();
            WebSocketEndpoint consoleSide = openConsoleTunnel(session);
            AtomicLong sent = new AtomicLong();
            Thread streamer = new Thread(() -> {
                byte[] chunk = new byte[32 * 1024];
                try {
                    OutputStream out = deviceSide.output();
                    while (!Thread.currentThread().isInterrupted()) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // the tunnel closed at the end of the test
                }
            }, "streaming-device");
            streamer.setDaemon(true);
            streamer.start();

            InputStream in = consoleSide.input();
            in.readNBytes(1024 * 1024);
            Thread.sleep(10_000);
            long stalledAt = sent.get();
            Thread.sleep(2_000);
            long stillStalled = sent.get();

            assertThat(stillStalled - stalledAt).as("device bytes accepted while the viewer did not read")
                    .isLessThanOrEqualTo(64 * 1024);
            assertThat(server.relay().maxBufferedBytes()).as("bytes the server ever held")
                    .isLessThanOrEqualTo(TlsServerFactory.MAX_FRAME);
            Thread reader = new Thread(() -> {
                byte[] sink = new byte[64 * 1024];
                try {
                    while (in.read(sink) >= 0) {
                        // the viewer reads again
                    }
                } catch (IOException e) {
                    // the tunnel closed at the end of the test
                }
            }, "reading-viewer");
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.get() > stillStalled + 1024 * 1024);
            streamer.interrupt();
            consoleSide.close();
            deviceSide.close();
        }
    }

    @Test
    void aRestartKeepsDevicesAccountsAndTheAuditLog() throws Exception {
        String id;
        try (FakeDevice device = ServerDevices.enroll(server, "pos-6")) {
            id = device.id();
            rest.post("/umsapi/v3/thinclients/" + id + "/shadow", "{}", null);
        }
        server.close();
        server = UmsServer.start(ServerConfig.forTests(data).withPort(0));
        rest = RestClient.asAdmin(server);
        assertThat(rest.get("/umsapi/v3/thinclients/" + id).status()).isEqualTo(200);
        assertThat(rest.get("/umsapi/v3/thinclients/" + id + "/shadowlog").as(AuditEntry[].class))
                .extracting(AuditEntry::outcome).containsExactly("OFFLINE");
    }
}
