package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.log.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server log's record of administrators' logins, refused logins, logouts, changes of a device's shadow
 * settings, enrollment tokens, directories, moves and recording settings, over real TLS: who, from where, through
 * which client, and what a setting was and became. Before, none of them wrote a line: an administrator who switched
 * off a device's consent prompt left no trace.
 */
class AdminActionsLogTest {
    @TempDir
    Path data;

    @RegisterExtension
    CapturedLog log = new CapturedLog("dev.ums.server.internal.audit.AdminActions");

    UmsServer server;
    HttpClient http;
    String origin;

    @BeforeEach
    void start() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(data));
        http = RestClient.pinnedClient(server);
        origin = "https://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void webAppLoginsRefusedLoginsAndLogoutsAreLoggedWithUserAddressAndClient() throws Exception {
        assertThat(webLogin("admin", "wrong").statusCode()).isEqualTo(401);
        assertThat(webLogin("mallory\nforged line", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = webLogin("admin", "admin-secret");
        assertThat(ok.statusCode()).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = ok.body().replaceAll(".*\"requestToken\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/webapp/api/logout"))
                .header("Origin", origin).header("Cookie", cookie).header("X-UMS-Request-Token", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);

        assertThat(lines()).containsExactly(
                "WARN a login as admin to the web app from 127.0.0.1 was refused: wrong user name or password",
                "WARN a login as mallory?forged line to the web app from 127.0.0.1 was refused: wrong user name or "
                        + "password",
                "INFO admin logged in to the web app from 127.0.0.1",
                "INFO admin logged out of the web app from 127.0.0.1; 0 shadow session(s) opened in the login ended");
    }

    @Test
    void restApiLoginsLogoutsAndShadowSettingsChangesAreLogged() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            RestClient rest = RestClient.asAdmin(server);
            ShadowSettings quiet = new ShadowSettings(true, false, true);
            assertThat(rest.put("/umsapi/v3/thinclients/" + device.id() + "/shadowsettings", quiet).status())
                    .isEqualTo(200);
            assertThat(rest.send("POST", "/umsapi/v3/logout").status()).isEqualTo(200);

            assertThat(lines()).containsExactly(
                    "INFO admin logged in to the REST API from 127.0.0.1",
                    "INFO admin changed the shadow settings of device " + device.id() + " (pos-1) from allowShadowing="
                            + "true, promptUser=true, allowInput=true, allowUserDisconnect=true, indicatorPosition="
                            + quiet.indicatorPosition() + " to allowShadowing=true, promptUser=false, allowInput=true, "
                            + "allowUserDisconnect=true, indicatorPosition=" + quiet.indicatorPosition(),
                    "INFO admin logged out of the REST API from 127.0.0.1");
        }
    }

    @Test
    void enrollmentTokensDirectoriesMovesAndRecordingSettingsAreLogged() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-2").connect()) {
            RestClient rest = RestClient.asAdmin(server);
            RestClient.Reply token = rest.post("/umsapi/v3/enrollmenttokens", "{\"maxUses\":3,\"validHours\":2}", null);
            assertThat(token.status()).as(token.body()).isEqualTo(201);
            String tokenId = token.body().replaceAll(".*\"id\":\"?(\\d+)\"?.*", "$1");
            assertThat(rest.send("DELETE", "/umsapi/v3/enrollmenttokens/" + tokenId).status()).isEqualTo(200);
            RestClient.Reply dir = rest.put("/umsapi/v3/directories/tcdirectories/create",
                    "{\"name\":\"Branch\\nforged\"}");
            assertThat(dir.status()).as(dir.body()).isEqualTo(200);
            String dirId = dir.body().replaceAll(".*\"id\":\"?(\\d+)\"?.*", "$1");
            assertThat(rest.put("/umsapi/v3/directories/tcdirectories/" + dirId + "?operation=move",
                    "[{\"id\":\"" + device.id() + "\",\"type\":\"tc\"}]").status()).isEqualTo(200);
            assertThat(rest.put("/umsapi/v3/directories/tcdirectories/" + dirId + "/shadowsettings",
                    "{\"recordSessions\":true}").status()).isEqualTo(200);

            assertThat(lines()).hasSize(6).element(1).asString()
                    .matches("INFO admin created enrollment token " + tokenId + " for 3 enrollment\\(s\\), valid until "
                            + "\\d{4}-.*");
            assertThat(lines().subList(2, 6)).containsExactly(
                    "INFO admin revoked enrollment token " + tokenId,
                    "INFO admin created directory " + dirId + " (Branch?forged) in the top level",
                    "INFO admin moved device(s) [" + device.id() + "] to directory " + dirId + " (Branch?forged)",
                    "INFO admin set recording of sessions in directory " + dirId + " to true");
        }
    }

    /** A move naming a device that does not exist moves none: a move is all or nothing, never an unlogged part. */
    @Test
    void aMoveNamingAnUnknownDeviceMovesNoneAndLogsNone() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-3").connect()) {
            RestClient rest = RestClient.asAdmin(server);
            RestClient.Reply dir = rest.put("/umsapi/v3/directories/tcdirectories/create", "{\"name\":\"Branch\"}");
            String dirId = dir.body().replaceAll(".*\"id\":\"?(\\d+)\"?.*", "$1");

            RestClient.Reply move = rest.put("/umsapi/v3/directories/tcdirectories/" + dirId + "?operation=move",
                    "[{\"id\":\"" + device.id() + "\"},{\"id\":\"999999\"}]");

            assertThat(move.status()).as(move.body()).isEqualTo(404);
            assertThat(rest.get("/umsapi/v3/thinclients/" + device.id()).body()).doesNotContain(
                    "\"parentID\":\"" + dirId + "\"");
            assertThat(lines()).noneMatch(line -> line.contains("moved device"));
        }
    }

    private List<String> lines() {
        return log.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    private HttpResponse<String> webLogin(String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/webapp/api/login"))
                .header("Origin", origin).header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
