package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.internal.device.RepeatedEnrollments;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.time.MovableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Enrollment never hands out an enrolled device's identity; tokens are counted; names stay unique. */
class EnrollmentIdentityTest extends AdminServerFixture {
    MovableClock clock = MovableClock.now();

    @Override
    ServerConfig config() {
        return ServerConfig.forTests(data).withClock(clock);
    }

    @Test
    void aKnownUnitEnrollingAgainWaitsForAnAdministratorWhileTheDeviceKeepsWorking() throws Exception {
        try (FakeDevice real = ServerDevices.enroll(server, "kiosk-1").connect()) {
            RestClient.Reply again = rest.enroll("impostor", "unit-kiosk-1", "enroll-secret");
            assertThat(again.status()).isEqualTo(202);
            Enrollment claimed = again.as(Enrollment.class);
            assertThat(claimed.deviceId()).isEqualTo(real.id());
            assertThat(claimed.credential()).isNotEqualTo(real.enrollment().credential());

            FakeDevice impostor = ServerDevices.enrolled(server, claimed);
            assertThat(impostor.upgradeStatus()).isEqualTo(403);
            assertThat(online(real.id())).isTrue();
            assertThat(ServerDevices.enrolled(server, real.enrollment()).upgradeStatus()).isEqualTo(101);

            JsonNode pending = WireJson.read(rest.get("/umsapi/v3/reenrollments").body(), JsonNode.class);
            assertThat(pending).hasSize(1);
            JsonNode p = pending.get(0);
            assertThat(p.get("deviceId").asText()).isEqualTo(real.id());
            assertThat(p.get("unitId").asText()).isEqualTo("unit-kiosk-1");
            assertThat(p.get("currentName").asText()).isEqualTo("kiosk-1");
            assertThat(p.get("requestedName").asText()).isEqualTo("impostor");
            assertThat(p.get("remoteIp").asText()).isEqualTo("127.0.0.1");

            RestClient.Reply rejected = rest.post("/umsapi/v3/reenrollments/" + p.get("id").asText() + "/reject", "", null);
            assertThat(rejected.status()).isEqualTo(200);
            assertThat(rest.get("/umsapi/v3/reenrollments").body()).isEqualTo("[]");
            assertThat(impostor.upgradeStatus()).isEqualTo(401);
            assertThat(rest.post("/umsapi/v3/reenrollments/" + p.get("id").asText() + "/approve", "", null).status())
                    .isEqualTo(404);
            assertThat(name(real.id())).isEqualTo("kiosk-1");
        }
    }

    @Test
    void approvalRevokesTheOldCredentialAndClosesItsConnection() throws Exception {
        try (FakeDevice old = ServerDevices.enroll(server, "desk-7").connect()) {
            Enrollment reinstalled = rest.enroll("desk-7-new", "unit-desk-7", "enroll-secret")
                    .as(Enrollment.class);
            String pendingId = WireJson.read(rest.get("/umsapi/v3/reenrollments").body(), JsonNode.class)
                    .get(0).get("id").asText();

            RestClient.Reply approved = rest.post("/umsapi/v3/reenrollments/" + pendingId + "/approve", "", null);
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.as(Message.class).message()).contains("the old one is revoked");
            assertThat(old.closedByServer()).endsWith("the device's credential was replaced by an approved re-enrollment");
            assertThat(ServerDevices.enrolled(server, old.enrollment()).upgradeStatus()).isEqualTo(401);
            try (FakeDevice now = ServerDevices.enrolled(server, reinstalled, "desk-7-new").connect()) {
                assertThat(online(now.id())).isTrue();
                assertThat(name(now.id())).isEqualTo("desk-7-new");
            }
            assertThat(rest.get("/umsapi/v3/reenrollments").body()).isEqualTo("[]");
        }
    }

    @Test
    void aDeviceCannotTakeAnotherDevicesName() throws Exception {
        try (FakeDevice first = ServerDevices.enroll(server, "lobby").connect()) {
            Enrollment second = rest.enroll("LOBBY", "unit-second", "enroll-secret").as(Enrollment.class);
            assertThat(name(second.deviceId())).isEqualTo("LOBBY (unit-second)");
            try (FakeDevice renaming = ServerDevices.enrolled(server, second, "Lobby").connect()) {
                assertThat(name(renaming.id())).isEqualTo("LOBBY (unit-second)");
                assertThat(name(first.id())).isEqualTo("lobby");
            }
            try (FakeDevice renaming = ServerDevices.enrolled(server, second, "hall").connect()) {
                assertThat(name(renaming.id())).isEqualTo("hall");
            }
        }
    }

    @Test
    void adminTokensAreSingleUseByDefaultAndExpire() {
        String single = token("");
        assertThat(rest.enroll("a", "unit-a", single).status()).isEqualTo(200);
        RestClient.Reply usedUp = rest.enroll("b", "unit-b", single);
        assertThat(usedUp.status()).isEqualTo(401);
        assertThat(usedUp.as(Message.class).message())
                .isEqualTo("the enrollment token is missing, unknown, used up, expired or revoked");

        String twice = token("{\"maxUses\":2,\"validHours\":1}");
        assertThat(rest.enroll("c", "unit-c", twice).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));
        assertThat(rest.enroll("d", "unit-d", twice).status()).isEqualTo(401);

        assertThat(rest.login("admin", "admin-secret").status()).isEqualTo(200);
        JsonNode listed = WireJson.read(rest.get("/umsapi/v3/enrollmenttokens").body(), JsonNode.class);
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("maxUses").asInt()).isEqualTo(1);
        assertThat(listed.get(0).get("uses").asInt()).isEqualTo(1);
        assertThat(listed.get(0).has("token")).isFalse();
        assertThat(listed.get(1).get("maxUses").asInt()).isEqualTo(2);
        assertThat(listed.get(1).get("uses").asInt()).isEqualTo(1);
        assertThat(listed.get(1).get("expiresAt").asText()).isNotEmpty();
    }

    @Test
    void aSingleUseTokenEnrollsExactlyOneOfManyConcurrentDevices() throws Exception {
        String single = token("");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "race-" + i;
                tries.add(() -> rest.enroll(name, "unit-" + name, single).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tries)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 401).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEnrollmentWhoseAnswerWasLostIsRepeatedWithItsTokenAndKeyAndTheFirstCredentialIsReplaced() throws Exception {
        String single = token("");
        Enrollment lost = rest.enroll("till-3", "unit-till-3", single, "key-3").as(Enrollment.class);

        RestClient.Reply again = rest.enroll("till-3", "unit-till-3", single, "key-3");
        assertThat(again.status()).isEqualTo(200);
        Enrollment repeated = again.as(Enrollment.class);
        assertThat(repeated.deviceId()).isEqualTo(lost.deviceId());
        assertThat(repeated.credential()).isNotEqualTo(lost.credential());
        assertThat(ServerDevices.enrolled(server, lost).upgradeStatus()).isEqualTo(401);
        try (FakeDevice device = ServerDevices.enrolled(server, repeated, "till-3").connect()) {
            assertThat(online(device.id())).isTrue();
        }
        assertThat(rest.get("/umsapi/v3/reenrollments").body()).isEqualTo("[]");
        JsonNode listed = WireJson.read(rest.get("/umsapi/v3/enrollmenttokens").body(), JsonNode.class);
        assertThat(listed.get(0).get("uses").asInt()).isEqualTo(1);
    }

    @Test
    void aUsedTokenRepeatsNothingWithoutTheKeyForAnotherUnitOrCertificateOrOnceTheDeviceConnected() throws Exception {
        String single = token("");
        Enrollment first = rest.enroll("till-4", "unit-till-4", single, "key-4").as(Enrollment.class);
        assertThat(rest.enroll("till-4", "unit-till-4", single).status()).isEqualTo(401);
        assertThat(rest.enroll("till-4", "unit-till-4", single, "another-key").status()).isEqualTo(401);
        assertThat(rest.enroll("till-5", "unit-till-5", single, "key-4").status()).isEqualTo(401);
        assertThat(rest.post(UpPaths.ENROLL, new EnrollmentRequest("till-4", "unit-till-4", "00:11:22:33:44:55", "12",
                "-----BEGIN CERTIFICATE-----", "key-4"), UpPaths.BEARER + single).status()).isEqualTo(401);

        try (FakeDevice device = ServerDevices.enrolled(server, first, "till-4").connect()) {
            assertThat(online(device.id())).isTrue();
        }
        RestClient.Reply afterContact = rest.enroll("till-4", "unit-till-4", single, "key-4");
        assertThat(afterContact.status()).isEqualTo(401);
        assertThat(afterContact.as(Message.class).message())
                .isEqualTo("the enrollment token is missing, unknown, used up, expired or revoked");
        assertThat(ServerDevices.enrolled(server, first).upgradeStatus()).isEqualTo(101);
    }

    @Test
    void whoeverHoldsTheServersTokenButNotTheKeyOnlyFilesAReenrollment() {
        Enrollment first = rest.enroll("till-8", "unit-till-8", "enroll-secret", "key-8").as(Enrollment.class);
        RestClient.Reply other = rest.enroll("till-8", "unit-till-8", "enroll-secret", "guessed-key");
        assertThat(other.status()).isEqualTo(202);
        assertThat(rest.enroll("till-8", "unit-till-8", "enroll-secret").status()).isEqualTo(202);
        RestClient.Reply own = rest.enroll("till-8", "unit-till-8", "enroll-secret", "key-8");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.as(Enrollment.class).deviceId()).isEqualTo(first.deviceId());
    }

    @Test
    void aRepeatComesTooLateAfterTenMinutesOrOnceTheTokenIsRevoked() {
        String late = token("");
        rest.enroll("till-6", "unit-till-6", late, "key-6");
        clock.advance(RepeatedEnrollments.WINDOW.plusSeconds(1));
        assertThat(rest.enroll("till-6", "unit-till-6", late, "key-6").status()).isEqualTo(401);

        String revoked = token("");
        rest.enroll("till-7", "unit-till-7", revoked, "key-7");
        JsonNode listed = WireJson.read(rest.get("/umsapi/v3/enrollmenttokens").body(), JsonNode.class);
        assertThat(rest.send("DELETE", "/umsapi/v3/enrollmenttokens/" + listed.get(1).get("id").asText()).status())
                .isEqualTo(200);
        assertThat(rest.enroll("till-7", "unit-till-7", revoked, "key-7").status()).isEqualTo(401);
    }

    @Test
    void aRepeatedReenrollmentStaysOneRequestForTheAdministratorWithTheNewCredential() throws Exception {
        try (FakeDevice real = ServerDevices.enroll(server, "desk-9").connect()) {
            String single = token("");
            Enrollment lost = rest.enroll("desk-9", "unit-desk-9", single, "key-9").as(Enrollment.class);
            RestClient.Reply again = rest.enroll("desk-9", "unit-desk-9", single, "key-9");
            assertThat(again.status()).isEqualTo(202);
            Enrollment repeated = again.as(Enrollment.class);
            assertThat(repeated.deviceId()).isEqualTo(real.id());
            assertThat(repeated.credential()).isNotEqualTo(lost.credential());

            JsonNode pending = WireJson.read(rest.get("/umsapi/v3/reenrollments").body(), JsonNode.class);
            assertThat(pending).hasSize(1);
            assertThat(rest.post("/umsapi/v3/reenrollments/" + pending.get(0).get("id").asText() + "/approve", "",
                    null).status()).isEqualTo(200);
            assertThat(ServerDevices.enrolled(server, lost).upgradeStatus()).isEqualTo(401);
            assertThat(ServerDevices.enrolled(server, repeated).upgradeStatus()).isEqualTo(101);
        }
    }

    @Test
    void tokenRequestsOutOfRangeAreRefusedWithASentence() {
        RestClient.Reply none = rest.post("/umsapi/v3/enrollmenttokens", "{\"maxUses\":0}", null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.as(Message.class).message()).isEqualTo("maxUses must be between 1 and 10000");
        RestClient.Reply forever = rest.post("/umsapi/v3/enrollmenttokens", "{\"validHours\":100000}", null);
        assertThat(forever.status()).isEqualTo(400);
        assertThat(forever.as(Message.class).message()).isEqualTo("validHours must be between 1 and 8784");
    }

    private String token(String body) {
        RestClient.Reply created = rest.post("/umsapi/v3/enrollmenttokens", body, null);
        assertThat(created.status()).isEqualTo(201);
        return WireJson.read(created.body(), JsonNode.class).get("token").asText();
    }

    private boolean online(String id) {
        return rest.get("/umsapi/v3/thinclients/" + id + "?facets=online").as(ThinClient.class).online();
    }

    private String name(String id) {
        return rest.get("/umsapi/v3/thinclients/" + id).as(ThinClient.class).name();
    }
}
