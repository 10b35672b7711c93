package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ums.server.internal.account.PasswordHasher;
import dev.ums.server.internal.rest.Router;
import dev.ums.testkit.log.CapturedLog;
import dev.ums.testkit.postgres.PostgresServer;
import dev.ums.testkit.time.MovableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins, before any authentication, with user names no account can have (a NUL, which PostgreSQL refuses in any
 * text, and other control characters), against a real PostgreSQL: each answered like any wrong login, at the same
 * cost, and nothing in the server's error log.
 */
class ImpossibleUserNameTest {
    static PostgresServer postgres;

    @TempDir
    Path data;

    @RegisterExtension
    CapturedLog routerLog = new CapturedLog(Router.class);

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void aUserNameWithControlCharactersIsAWrongLoginAndLogsNothing() throws Exception {
        MovableClock clock = MovableClock.now();
        try (UmsServer server = UmsServer.start(ServerConfig.forTests(data).withClock(clock)
                .withDatabase(postgres.jdbcUrl(), postgres.user(), null))) {
            HttpClient http = RestClient.pinnedClient(server);
            for (String path : new String[] {"/umsapi/v3/login", "/webapp/api/login"}) {
                for (String user : new String[] {"admin\u0000", "\u0000", "ad\u0007min"}) {
                    clock.advance(Duration.ofHours(2)); // each attempt free of the throttle's delays
                    long derivations = PasswordHasher.derivations();
                    HttpResponse<String> r = login(server, http, path, user);
                    assertThat(r.statusCode()).as(path).isEqualTo(401);
                    assertThat(r.body()).as(path).isEqualTo("{\"message\":\"wrong user name or password\"}");
                    assertThat(PasswordHasher.derivations() - derivations).as("the cost of a wrong login").isEqualTo(1);
                }
            }
            assertThat(routerLog.events()).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
        }
    }

    private static HttpResponse<String> login(UmsServer server, HttpClient http, String path, String user)
            throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":wrong").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("Origin", "https://127.0.0.1:" + server.port())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
