package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server answered survives {@code kill -9} right after the answer, on the embedded database and on
 * PostgreSQL: the server runs as a child process that is killed at once, then started again and checked.
 */
class CrashDurabilityTest {
    private static final int ROUNDS = 4;

    @TempDir
    Path dir;
    private int starts;

    @Test
    void acknowledgedWritesSurviveKillNineOnTheEmbeddedDatabase() throws Exception {
        crashAndCheck();
    }

    @Test
    void acknowledgedWritesSurviveKillNineOnPostgres() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            crashAndCheck(postgres.jdbcUrl(), postgres.user());
        }
    }

    @Test
    void aSessionLiveAtACrashIsClosedAsInterruptedAtTheNextStart() throws Exception {
        String deviceId;
        try (ServerProcess server = start()) {
            RestClient rest = login(server);
            Enrollment enrollment = rest.enroll("live-1", "unit-live-1", "enroll-secret").as(Enrollment.class);
            deviceId = enrollment.deviceId();
            try (FakeDevice device = ServerDevices.enrolled(server.baseUrl, server.fingerprint, enrollment, "live-1")
                    .connect()) {
                ShadowSession s = rest.post("/umsapi/v3/thinclients/" + deviceId + "/shadow", "{}", null)
                        .as(ShadowSession.class);
                WebSocketEndpoint deviceSide = device.nextTunnel();
                HttpClient console = HttpClient.newBuilder()
                        .sslContext(PinnedTrust.fingerprint(server.fingerprint).sslContext()).build();
                WebSocketEndpoint consoleSide = WebSocketEndpoint.connect(console, URI.create(s.tunnelUrl()), s.token(),
                        Duration.ofSeconds(10));
                deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(consoleSide.input().readNBytes(12)).hasSize(12);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        log(rest, deviceId).get(0).outcome().equals("CONNECTED"));
                server.kill();
            }
        }
        try (ServerProcess again = start()) {
            AuditEntry entry = log(login(again), deviceId).get(0);
            assertThat(entry.outcome()).isEqualTo("INTERRUPTED");
            assertThat(entry.end()).isNotNull();
            assertThat(entry.detail()).isEqualTo("the server stopped during the session; the end time is when it "
                    + "started again");
        }
    }

    /**
     * Each round makes one more of each kind of write (token, enrollment, settings, audit row) and kills the
     * server right after the answer to a different one of them; every earlier answer must still hold after.
     */
    private void crashAndCheck(String... database) throws Exception {
        List<String> tokenIds = new ArrayList<>();
        List<Enrollment> devices = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try (ServerProcess server = start(database)) {
                RestClient rest = login(server);
                check(rest, server, tokenIds, devices);
                int lastStep = round % 4;
                JsonNode token = WireJson.read(rest.post("/umsapi/v3/enrollmenttokens", "", null).body(), JsonNode.class);
                tokenIds.add(token.get("id").asText());
                if (lastStep == 0) {
                    server.kill();
                    continue;
                }
                RestClient.Reply enrolled = rest.enroll("crash-" + round, "unit-crash-" + round,
                        token.get("token").asText());
                assertThat(enrolled.status()).isEqualTo(200);
                devices.add(enrolled.as(Enrollment.class));
                if (lastStep == 1) {
                    server.kill();
                    continue;
                }
                String id = devices.get(devices.size() - 1).deviceId();
                assertThat(rest.put("/umsapi/v3/thinclients/" + id + "/shadowsettings",
                        new ShadowSettings(true, false, false)).status()).isEqualTo(200);
                if (lastStep == 2) {
                    server.kill();
                    continue;
                }
                assertThat(rest.post("/umsapi/v3/thinclients/" + id + "/shadow", "{}", null).status()).isEqualTo(409);
                server.kill();
            }
        }
        try (ServerProcess server = start(database)) {
            check(login(server), server, tokenIds, devices);
        }
    }

    private void check(RestClient rest, ServerProcess server, List<String> tokenIds, List<Enrollment> devices)
            throws Exception {
        JsonNode tokens = WireJson.read(rest.get("/umsapi/v3/enrollmenttokens").body(), JsonNode.class);
        List<String> stored = new ArrayList<>();
        tokens.forEach(t -> stored.add(t.get("id").asText()));
        assertThat(stored).containsExactlyElementsOf(tokenIds);
        for (int i = 0; i < devices.size(); i++) {
            Enrollment e = devices.get(i);
            ThinClient tc = rest.get("/umsapi/v3/thinclients/" + e.deviceId()).as(ThinClient.class);
            assertThat(tc.unitId()).startsWith("unit-crash-");
            assertThat(ServerDevices.enrolled(server.baseUrl, server.fingerprint, e).upgradeStatus()).isEqualTo(101);
        }
        for (Enrollment e : devices) {
            ShadowSettings settings = rest.get("/umsapi/v3/thinclients/" + e.deviceId() + "/shadowsettings")
                    .as(ShadowSettings.class);
            List<AuditEntry> log = log(rest, e.deviceId());
            boolean settingsWritten = !settings.equals(ShadowSettings.DEFAULTS);
            if (!log.isEmpty()) {
                assertThat(settingsWritten).isTrue();
                assertThat(log).extracting(AuditEntry::outcome).containsExactly("OFFLINE");
            }
        }
        long withSettings = devices.stream().filter(e -> !rest.get("/umsapi/v3/thinclients/" + e.deviceId()
                + "/shadowsettings").as(ShadowSettings.class).equals(ShadowSettings.DEFAULTS)).count();
        long withAudit = devices.stream().filter(e -> !log(rest, e.deviceId()).isEmpty()).count();
        assertThat(withSettings).isEqualTo(enrolledRoundsWhere(devices.size(), step -> step >= 2));
        assertThat(withAudit).isEqualTo(enrolledRoundsWhere(devices.size(), step -> step == 3));
    }

    /**
     * Rounds 1, 2, 3, 5 … enroll; of those, rounds with step ≥ 2 set settings and step 3 writes an audit row. How
     * many of the first {@code enrolled} enrolling rounds have a step ({@code round % 4}) that {@code does} accepts.
     */
    private static long enrolledRoundsWhere(int enrolled, IntPredicate does) {
        long n = 0;
        int seen = 0;
        for (int round = 0; seen < enrolled; round++) {
            if (round % 4 == 0) {
                continue;
            }
            seen++;
            n += does.test(round % 4) ? 1 : 0;
        }
        return n;
    }

    private ServerProcess start(String... database) throws Exception {
        starts++;
        return ServerProcess.start(dir.resolve("data"), dir.resolve("server-" + starts + ".log"), database);
    }

    private static RestClient login(ServerProcess server) {
        RestClient rest = new RestClient(server.baseUrl, server.fingerprint);
        assertThat(rest.login("admin", "admin-secret").status()).isEqualTo(200);
        return rest;
    }

    private static List<AuditEntry> log(RestClient rest, String deviceId) {
        return List.of(rest.get("/umsapi/v3/thinclients/" + deviceId + "/shadowlog").as(AuditEntry[].class));
    }
}
