package dev.ums.server.internal.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.server.internal.db.Database;
import dev.ums.server.internal.db.Jdbc;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a device's hello writes: its contact, a name it may take, the settings it reports. */
class DeviceStoreTest {
    @TempDir
    Path data;
    private Database db;
    private DeviceStore store;
    private long kiosk;
    private long hall;

    @BeforeEach
    void open() {
        db = Database.open(null, null, null, data);
        store = new DeviceStore(new Jdbc(db.dataSource()), Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC));
        kiosk = store.insert("U1", "Kiosk", "00:00:00:00:00:01", "11", null, "secret-1", "token-1", null, ShadowSettings.DEFAULTS);
        hall = store.insert("U2", "Hall", "00:00:00:00:00:02", "11", null, "secret-2", "token-2", null, ShadowSettings.DEFAULTS);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aHelloWithTheDevicesOwnNameRecordsTheContact() {
        assertThat(store.contact(kiosk, "10.0.0.7", "direct", "Kiosk", "12", 5901)).isFalse();

        Device d = store.find(kiosk).orElseThrow();
        assertThat(d.name()).isEqualTo("Kiosk");
        assertThat(d.lastIp()).isEqualTo("10.0.0.7");
        assertThat(d.lastContact()).isEqualTo(5_000L);
        assertThat(d.osVersion()).isEqualTo("12");
        assertThat(d.securePort()).isEqualTo(5901);
    }

    @Test
    void aNewFreeNameIsTakenAndAnotherDevicesNameIsRefused() {
        assertThat(store.contact(kiosk, "10.0.0.7", "direct", "Lobby", null, null)).isFalse();
        assertThat(store.find(kiosk).orElseThrow().name()).isEqualTo("Lobby");

        assertThat(store.contact(kiosk, "10.0.0.8", "direct", "HALL", null, null)).isTrue();
        Device d = store.find(kiosk).orElseThrow();
        assertThat(d.name()).isEqualTo("Lobby");
        assertThat(d.lastIp()).isEqualTo("10.0.0.8");
        assertThat(store.find(hall).orElseThrow().name()).isEqualTo("Hall");
    }

    @Test
    void reportedSettingsAreTakenUnlessAnAdministratorSetThem() {
        ShadowSettings quiet = new ShadowSettings(true, false, false);
        store.adoptReportedSettings(kiosk, quiet);
        store.adoptReportedSettings(kiosk, quiet);
        assertThat(store.find(kiosk).orElseThrow().settings()).isEqualTo(quiet);

        store.updateSettings(hall, new ShadowSettings(false, true, true));
        store.adoptReportedSettings(hall, quiet);
        assertThat(store.find(hall).orElseThrow().settings().allowShadowing()).isFalse();
    }
}
