package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.EnrollmentToken;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.TcDirectory;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.testkit.device.FakeDevice;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRestTest {
    @TempDir
    Path data;
    UmsServer server;
    RestClient rest;

    @BeforeEach
    void start() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(data));
        rest = new RestClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginSetsImiCookieAndUnlocksTheApi() {
        assertThat(rest.get("/umsapi/v3/thinclients").status()).isEqualTo(401);
        assertThat(rest.get("/umsapi/v3/serverstatus").status()).isEqualTo(200);

        RestClient.Reply login = rest.login("admin", "admin-secret");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.as(Message.class).message()).matches("JSESSIONID=[A-Za-z0-9_-]{43}");
        assertThat(rest.get("/umsapi/v3/thinclients").status()).isEqualTo(200);

        assertThat(rest.post("/umsapi/v3/logout", "", null).as(Message.class).message()).isEqualTo("Logout successful");
        assertThat(rest.get("/umsapi/v3/thinclients").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsAreRefusedAndThenThrottled() {
        for (int i = 0; i < 5; i++) {
            RestClient.Reply r = rest.login("admin", "wrong");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.as(Message.class).message()).isEqualTo("wrong user name or password");
        }
        RestClient.Reply throttled = rest.login("admin", "admin-secret");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.as(Message.class).message()).startsWith("too many failed logins; try again in");
    }

    @Test
    void enrolledDeviceIsOnlineWhileItsSocketIsOpen() throws Exception {
        rest.login("admin", "admin-secret");
        try (FakeDevice device = ServerDevices.enroll(server, "kiosk-1").connect()) {
            ThinClient tc = rest.get("/umsapi/v3/thinclients/" + device.id() + "?facets=online,details").as(ThinClient.class);
            assertThat(tc.name()).isEqualTo("kiosk-1");
            assertThat(tc.online()).isTrue();
            assertThat(tc.objectType()).isEqualTo("tc");
            assertThat(tc.route()).isEqualTo("direct");
            assertThat(tc.lastContact()).isNotNull();
            // every field IMI documents for a device is there, known or not (this one has no firmware or user)
            java.util.Map<?, ?> raw = rest.get("/umsapi/v3/thinclients/" + device.id()).as(java.util.Map.class);
            assertThat(raw.keySet().stream().map(String::valueOf).toList()).contains("id", "unitID", "name",
                    "parentID", "movedToBin", "objectType", "links", "mac", "firmwareID", "lastIP", "lastUser")
                    .doesNotContain("online", "lastContact");
            device.close();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !rest.get("/umsapi/v3/thinclients/" + device.id() + "?facets=online").as(ThinClient.class).online());
        }
    }

    @Test
    void enrollmentNeedsAValidTokenAndAdminsCanRevokeTheirs() {
        rest.login("admin", "admin-secret");
        RestClient.Reply refused = rest.post("/device-connector/enroll",
                "{\"name\":\"x\",\"unitId\":\"u\"}", "Bearer nope");
        assertThat(refused.status()).isEqualTo(401);

        EnrollmentToken created = rest.post("/umsapi/v3/enrollmenttokens", "{\"maxUses\":5}", null)
                .as(EnrollmentToken.class);
        assertThat(created.token()).isNotBlank();
        assertThat(rest.post("/device-connector/enroll", "{\"name\":\"x\",\"unitId\":\"u\"}",
                "Bearer " + created.token()).status()).isEqualTo(200);
        assertThat(rest.post("/umsapi/v3/enrollmenttokens/" + created.id(), "", null).status()).isEqualTo(405);
        RestClient.Reply revoked = rest.send("DELETE", "/umsapi/v3/enrollmenttokens/" + created.id());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(rest.post("/device-connector/enroll", "{\"name\":\"y\",\"unitId\":\"v\"}",
                "Bearer " + created.token()).status()).isEqualTo(401);
    }

    @Test
    void directoriesHoldDevices() throws Exception {
        rest.login("admin", "admin-secret");
        try (FakeDevice device = ServerDevices.enroll(server, "lab-1")) {
            TcDirectory dir = rest.put("/umsapi/v3/directories/tcdirectories/create", "{\"name\":\"Lab\"}")
                    .as(TcDirectory.class);
            assertThat(rest.put("/umsapi/v3/directories/tcdirectories/" + dir.id() + "?operation=move",
                    "[{\"id\":\"" + device.id() + "\",\"type\":\"tc\"}]").status()).isEqualTo(200);
            TcDirectory[] all = rest.get("/umsapi/v3/directories/tcdirectories?facets=children").as(TcDirectory[].class);
            assertThat(all).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("Lab");
                assertThat(d.dirChildren()).extracting(TcDirectory.DirectoryChild::id).containsExactly(device.id());
            });
            assertThat(rest.get("/umsapi/v3/thinclients/" + device.id()).as(ThinClient.class).parentId()).isEqualTo(dir.id());
        }
    }

    @Test
    void settingsFollowTheDeviceUntilAnAdminSetsThem() throws Exception {
        rest.login("admin", "admin-secret");
        ShadowSettings reported = new ShadowSettings(true, false, false);
        dev.ums.protocol.imi.Enrollment firstEnrollment;
        try (FakeDevice device = ServerDevices.enroll(server, "desk-1").reporting(reported).connect()) {
            firstEnrollment = device.enrollment();
            String path = "/umsapi/v3/thinclients/" + device.id() + "/shadowsettings";
            assertThat(rest.get(path).as(ShadowSettings.class)).isEqualTo(reported);
            ShadowSettings chosen = new ShadowSettings(true, true, true);
            rest.put(path, chosen);
            device.close();
        }
        try (FakeDevice again = ServerDevices.enrolled(server, firstEnrollment, "desk-1").reporting(reported).connect()) {
            assertThat(rest.get("/umsapi/v3/thinclients/" + again.id() + "/shadowsettings").as(ShadowSettings.class))
                    .isEqualTo(new ShadowSettings(true, true, true));
        }
    }

    @Test
    void badInputGetsOneSentence() {
        rest.login("admin", "admin-secret");
        RestClient.Reply unknown = rest.get("/umsapi/v3/thinclients/999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.as(Message.class).message()).isEqualTo("no device with id 999");
        RestClient.Reply malformed = rest.put("/umsapi/v3/directories/tcdirectories/create", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.as(Message.class).message()).isEqualTo("the request body is not valid JSON for this call");
    }
}
