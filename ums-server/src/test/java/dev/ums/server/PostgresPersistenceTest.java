package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.postgres.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same server paths against a real PostgreSQL: migrations, enrollment, a relayed session, a restart. */
class PostgresPersistenceTest {
    static PostgresServer postgres;

    @TempDir
    Path data;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private ServerConfig config() {
        return ServerConfig.forTests(data).withDatabase(postgres.jdbcUrl(), postgres.user(), null);
    }

    @Test
    void devicesSessionsAndTheAuditLogLiveInPostgres() throws Exception {
        String deviceId;
        try (UmsServer server = UmsServer.start(config())) {
            RestClient rest = RestClient.asAdmin(server);
            try (FakeDevice device = ServerDevices.enroll(server, "pg-1").connect()) {
                deviceId = device.id();
                ShadowSession s = rest.post("/umsapi/v3/thinclients/" + deviceId + "/shadow", "{}", null)
                        .as(ShadowSession.class);
                WebSocketEndpoint deviceSide = device.nextTunnel();
                HttpClient console = RestClient.pinnedClient(server);
                WebSocketEndpoint consoleSide = WebSocketEndpoint.connect(console, URI.create(s.tunnelUrl()), s.token(),
                        Duration.ofSeconds(10));
                deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(consoleSide.input().readNBytes(12)).asString(StandardCharsets.US_ASCII).isEqualTo("RFB 003.008\n");
                consoleSide.close();
                assertThat(deviceSide.input().read()).isEqualTo(-1);
            }
        }
        try (UmsServer restarted = UmsServer.start(config())) {
            RestClient rest = RestClient.asAdmin(restarted);
            assertThat(rest.get("/umsapi/v3/thinclients/" + deviceId).as(ThinClient.class).name()).isEqualTo("pg-1");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(rest.get("/umsapi/v3/thinclients/" + deviceId + "/shadowlog").as(AuditEntry[].class))
                            .extracting(AuditEntry::outcome).containsExactly("COMPLETED"));
        }
    }
}
