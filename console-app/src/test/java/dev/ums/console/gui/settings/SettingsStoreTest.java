package dev.ums.console.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings survive a save and a load; a missing or damaged file yields the defaults. */
class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedSettingsLoadEqual() throws Exception {
        ConsoleSettings s = new ConsoleSettings(Theme.DARK, ViewerMode.EXTERNAL, "vncviewer \"{host}::{port}\"", 5,
                ScalingMode.ACTUAL_SIZE, List.of("ums-b:8443", "ums-a:8443", "[::1]:9443"), "jane",
                Map.of("ums-a:8443", "0f".repeat(32), "[::1]:9443", "a1".repeat(32)));
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
    }

    @Test
    void loginsMoveServersToTheTopAndKeepTen() {
        ConsoleSettings s = ConsoleSettings.defaults();
        for (int i = 0; i < 12; i++) {
            s = s.withLogin("host" + i + ":8443", "u" + i);
        }
        s = s.withLogin("host5:8443", "admin");
        assertThat(s.servers()).hasSize(10).startsWith("host5:8443", "host11:8443", "host10:8443");
        assertThat(s.lastUser()).isEqualTo("admin");
    }

    @Test
    void missingOrDamagedFilesGiveDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load()).isEqualTo(ConsoleSettings.defaults());
        Files.writeString(dir.resolve(SettingsStore.FILE), "theme=PURPLE\npoll.seconds=soon\nviewer=EXTERNAL\n");
        ConsoleSettings loaded = store.load();
        assertThat(loaded.theme()).isEqualTo(Theme.SYSTEM);
        assertThat(loaded.pollSeconds()).isEqualTo(3);
        assertThat(loaded.viewer()).isEqualTo(ViewerMode.EXTERNAL);
    }
}
