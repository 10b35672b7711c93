package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.time.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** OS 11 session passwords: valid five minutes, for one device, once; issuing and using are audited. */
class SessionPasswordTest extends AdminServerFixture {
    MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));

    @Override
    ServerConfig config() {
        return ServerConfig.forTests(data).withClock(clock);
    }

    private String password(FakeDevice device) {
        ThinClient tc = rest.get("/umsapi/v3/thinclients/" + device.id() + "?facets=shadow").as(ThinClient.class);
        assertThat(tc.shadowSecret().password()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        return tc.shadowSecret().password();
    }

    @Test
    void aPasswordWorksOnceForItsDevice() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "os11-a").connect();
             FakeDevice other = ServerDevices.enroll(server, "os11-b").connect()) {
            String pw = password(device);
            assertThat(device.checkPassword(pw)).isTrue();
            assertThat(device.checkPassword(pw)).as("reused").isFalse();

            String forA = password(device);
            assertThat(other.checkPassword(forA)).as("shown to another device").isFalse();
            assertThat(device.checkPassword(forA)).as("burnt by the other device").isFalse();

            AuditEntry[] log = rest.get("/umsapi/v3/thinclients/" + device.id() + "/shadowlog").as(AuditEntry[].class);
            assertThat(log).extracting(AuditEntry::outcome).containsExactly("PASSWORD_REFUSED", "CONNECTED");
            assertThat(log).extracting(AuditEntry::admin).containsOnly("admin");
        }
    }

    @Test
    void aPasswordExpiresAfterFiveMinutes() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "os11-c").connect()) {
            String late = password(device);
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            assertThat(device.checkPassword(late)).isFalse();
            String inTime = password(device);
            clock.advance(Duration.ofMinutes(4));
            assertThat(device.checkPassword(inTime)).isTrue();
        }
    }

    @Test
    void theSecurePortTheDeviceReportsIsShownAndNoSecretWhenShadowingIsNotAllowed() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "os11-e").withSecurePort(5917)
                .connect()) {
            String path = "/umsapi/v3/thinclients/" + device.id();
            assertThat(rest.get(path + "?facets=details").as(ThinClient.class).securePort()).isEqualTo(5917);
            rest.put(path + "/shadowsettings", new dev.ums.protocol.imi.ShadowSettings(false, true, true));
            RestClient.Reply refused = rest.get(path + "?facets=shadow");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("shadowing is not allowed on this device");
        }
    }

    @Test
    void aDeviceWithoutCertificateYieldsAnEmptyOneEvenWhenOffline() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "os11-d")) {
            ThinClient tc = rest.get("/umsapi/v3/thinclients/" + device.id() + "?facets=shadow,online").as(ThinClient.class);
            assertThat(tc.online()).isFalse();
            assertThat(tc.shadowSecret().certificate()).isEmpty();
            assertThat(tc.shadowSecret().password()).isNotBlank();
        }
    }
}
