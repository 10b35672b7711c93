package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.TcDirectory;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.testkit.device.FakeDevice;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Who turns recording on and who gets a recording: a directory's setting records its devices' sessions and those of
 * its subdirectories, not others'; the console's OS 11 route, which passes the server by, is refused with a sentence
 * when recording is required; a download needs a login and answers a session that does not exist, was not recorded,
 * or lost its file with one sentence each.
 */
class RecordingAccessTest extends AdminServerFixture {
    private static final String DIRS = "/umsapi/v3/directories/tcdirectories";


    @Test
    void aDirectorysSettingRecordsItsDevicesAndThoseBelowItOnly() throws Exception {
        TcDirectory shops = rest.put(DIRS + "/create", "{\"name\":\"Shops\"}").as(TcDirectory.class);
        TcDirectory tills = rest.put(DIRS + "/create", "{\"name\":\"Tills\",\"parentID\":\"" + shops.id() + "\"}")
                .as(TcDirectory.class);
        assertThat(rest.put(DIRS + "/" + shops.id() + "/shadowsettings", "{\"recordSessions\":true}").body())
                .isEqualTo("{\"recordSessions\":true,\"recorded\":true}");
        assertThat(rest.get(DIRS + "/" + tills.id() + "/shadowsettings").body())
                .isEqualTo("{\"recordSessions\":false,\"recorded\":true}");
        assertThat(rest.put(DIRS + "/" + tills.id() + "/shadowsettings", "{}").status()).isEqualTo(400);
        assertThat(rest.get(DIRS + "/999/shadowsettings").status()).isEqualTo(404);

        try (FakeDevice till = ServerDevices.enroll(server, "till-1").connect();
             FakeDevice office = ServerDevices.enroll(server, "office-1").connect()) {
            rest.put(DIRS + "/" + tills.id() + "?operation=move", "[{\"id\":\"" + till.id() + "\",\"type\":\"tc\"}]");
            AuditEntry recorded = session(till);
            AuditEntry notRecorded = session(office);
            assertThat(recorded.recording()).endsWith(".umsrec");
            assertThat(data.resolve("recordings").resolve(recorded.recording())).isRegularFile();
            assertThat(notRecorded.recording()).isNull();

            RestClient.Reply none = rest.get("/umsapi/v3/shadowsessions/" + notRecorded.id() + "/recording");
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.as(Message.class).message()).isEqualTo("shadow session " + notRecorded.id()
                    + " was not recorded");

            // the console reaches an OS 11 device itself over TLS: with recording required it gets no secret
            RestClient.Reply os11 = rest.get("/umsapi/v3/thinclients/" + till.id() + "?facets=shadow");
            assertThat(os11.status()).isEqualTo(409);
            assertThat(os11.as(Message.class).message()).isEqualTo("recording is required for till-1, but this route "
                    + "(secure VNC straight from the console) cannot be recorded; open the session in the web app, "
                    + "which the server records");
            assertThat(rest.get("/umsapi/v3/thinclients/" + office.id() + "?facets=shadow").status()).isEqualTo(200);
            AuditEntry[] log = rest.get("/umsapi/v3/thinclients/" + till.id() + "/shadowlog").as(AuditEntry[].class);
            assertThat(log[0].outcome()).isEqualTo("NOT_RECORDABLE");

            Files.delete(data.resolve("recordings").resolve(recorded.recording()));
            RestClient.Reply gone = rest.get("/umsapi/v3/shadowsessions/" + recorded.id() + "/recording");
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.as(Message.class).message()).contains("no longer exists");
        }
    }

    @Test
    void aDownloadNeedsALoginAndAnExistingSession() throws Exception {
        RestClient stranger = new RestClient(server);
        assertThat(stranger.download("/umsapi/v3/shadowsessions/1/recording").status()).isEqualTo(401);
        RestClient.Reply unknown = rest.get("/umsapi/v3/shadowsessions/4242/recording");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.as(Message.class).message()).isEqualTo("there is no shadow session with id 4242");
        // the id is a number or the path is nothing (Jetty refuses an encoded slash before the router sees it)
        assertThat(rest.get("/umsapi/v3/shadowsessions/..%2F..%2Fkeystore/recording").status()).isIn(400, 404);
        assertThat(rest.get("/umsapi/v3/shadowsessions/abc/recording").status()).isEqualTo(404);

        try (FakeDevice device = ServerDevices.enroll(server, "pos-d").connect()) {
            device.answering(open -> ShadowOutcome.DECLINED);
            assertThat(rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null).status())
                    .isEqualTo(403);
            AuditEntry declined = rest.get("/umsapi/v3/thinclients/" + device.id() + "/shadowlog")
                    .as(AuditEntry[].class)[0];
            assertThat(rest.get("/umsapi/v3/shadowsessions/" + declined.id() + "/recording").as(Message.class)
                    .message()).isEqualTo("shadow session " + declined.id() + " was not recorded");
        }
    }

    /** A short session of a few bytes each way; answers its audit entry once it ended. */
    private AuditEntry session(FakeDevice device) throws Exception {
        ShadowSession s = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null)
                .as(ShadowSession.class);
        WebSocketEndpoint deviceSide = device.nextTunnel();
        WebSocketEndpoint consoleSide = WebSocketEndpoint.connect(console, URI.create(s.tunnelUrl()), s.token(),
                Duration.ofSeconds(10));
        deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        consoleSide.input().readNBytes(12);
        consoleSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        deviceSide.input().readNBytes(12);
        consoleSide.close();
        return await().atMost(Duration.ofSeconds(10)).until(() -> rest.get("/umsapi/v3/thinclients/" + device.id()
                + "/shadowlog").as(AuditEntry[].class)[0], e -> "COMPLETED".equals(e.outcome())
                && (e.recording() == null || Files.exists(data.resolve("recordings").resolve(e.recording()))));
    }
}
