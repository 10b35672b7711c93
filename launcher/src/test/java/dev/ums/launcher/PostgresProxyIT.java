package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.testkit.postgres.PostgresServer;
import dev.ums.testkit.vnc.XvncServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end path of {@link ProxyIT} with the server on a real PostgreSQL (`--db-url`), as production
 * runs it: server, agent and proxy as processes, a real Xvnc, our engine as the viewer; then a server
 * restart on the same database keeps the device and the session's audit entry.
 */
class PostgresProxyIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    static PostgresServer postgres;
    static XvncServer xvnc;
    static final UmsProcesses processes = new UmsProcesses();

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        xvnc = XvncServer.start(320, 240);
    }

    @AfterAll
    static void stop() {
        processes.close();
        if (xvnc != null) {
            xvnc.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static UmsProcess server(String name) throws Exception {
        return processes.start(name, work, Map.of("UMS_ADMIN_PASSWORD", "pg-admin", "UMS_ENROLLMENT_TOKEN", "pg-enroll",
                        "UMS_DB_USER", postgres.user()),
                "server", "--port", "0", "--bind", "127.0.0.1", "--data", work.resolve("server").toString(),
                "--db-url", postgres.jdbcUrl());
    }

    @Test
    void shadowingThroughAServerOnPostgresqlShowsTheScreenAndTheAuditSurvivesARestart() throws Exception {
        UmsProcess server = server("server");
        String fingerprint = server.awaitLine("fingerprint: ", START);
        String url = server.awaitLine("ready: ", START);
        UmsProcess agent = processes.start("agent", work,
                Map.of("UMS_ENROLLMENT_TOKEN", "pg-enroll"), "agent", "--server", url,
                "--fingerprint", fingerprint, "--name", "Pg-1", "--vnc", xvnc.host() + ":" + xvnc.port(),
                "--data", work.resolve("agent").toString(), "--no-prompt-user");
        agent.awaitLine("online", START);

        UmsProcess proxy = processes.start("proxy", work, Map.of("UMS_PASSWORD", "pg-admin"), "proxy", "--server", url,
                "--fingerprint", fingerprint, "--user", "admin", "--device", "Pg-1");
        String listening = proxy.awaitLine("listening: ", START);
        int[] pixels = Captures.engineSnapshot(processes, work, proxy, listening, work.resolve("pg.png"), 320, 240);
        assertThat(pixels).as("the X server's pixels through a server on PostgreSQL").isEqualTo(xvnc.screenPixels());

        agent.close();
        server.close();
        UmsProcess restarted = server("server-again");
        String newUrl = restarted.awaitLine("ready: ", START);
        ImiClient admin = ImiClient.create(ServerAddress.parse(newUrl), fingerprint);
        admin.login("admin", "pg-admin".toCharArray());
        String id = admin.thinClients().stream().filter(d -> d.name().equals("Pg-1")).findFirst().orElseThrow().id();
        assertThat(admin.shadowLog(id)).extracting(AuditEntry::outcome).containsExactly("COMPLETED");
    }
}
