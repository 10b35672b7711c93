package dev.ums.console.gui.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncSettings;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings survive a save and a load; a missing file yields the defaults, a damaged or foreign one what can still be
 * read of it, never a console that does not start.
 */
class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedSettingsLoadEqual() throws Exception {
        ConsoleSettings s = new ConsoleSettings(Theme.DARK, ViewerMode.EXTERNAL, "vncviewer \"{host}::{port}\"", 5,
                ScalingMode.ACTUAL_SIZE, new PictureSettings(3, 7, Encoding.HEXTILE, ColorDepth.COLOURS_64),
                List.of("ums-b:8443", "ums-a:8443", "[::1]:9443"), "jane",
                Map.of("ums-a:8443", "0f".repeat(32), "[::1]:9443", "a1".repeat(32)), "/home/jane/recordings");
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
    }

    @Test
    void everyPictureChoiceSurvivesASaveAndALoad() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        for (PictureSettings picture : List.of(PictureSettings.automatic(),
                new PictureSettings(VncSettings.LOSSLESS, VncSettings.AUTO, Encoding.ZRLE, ColorDepth.TRUE_COLOR_24),
                new PictureSettings(0, 0, Encoding.RAW, ColorDepth.COLOURS_8),
                new PictureSettings(9, 9, Encoding.RRE, ColorDepth.COLOURS_256))) {
            ConsoleSettings s = ConsoleSettings.defaults().withPicture(picture);
            store.save(s);
            assertThat(store.load()).isEqualTo(s);
        }
        String saved = Files.readString(dir.resolve(SettingsStore.FILE));
        assertThat(saved).contains("picture.quality=9", "picture.compression=9", "picture.encoding=rre",
                "picture.colour=256");
    }

    @Test
    void aPictureValueThatDoesNotReadLeavesThePictureAutomatic() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(dir.resolve(SettingsStore.FILE), "theme=DARK\npicture.quality=11\npicture.colour=64\n");
        ConsoleSettings loaded = store.load();
        assertThat(loaded.picture()).isEqualTo(PictureSettings.automatic());
        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
        Files.writeString(dir.resolve(SettingsStore.FILE), "picture.quality=lossless\npicture.colour=8\n");
        assertThat(store.load().picture()).isEqualTo(new PictureSettings(VncSettings.LOSSLESS, VncSettings.AUTO, null,
                ColorDepth.COLOURS_8));
    }

    @Test
    void pictureSettingsGoIntoTheViewersSettingsAsUmsViewerPutsThem() {
        VncSettings auto = PictureSettings.automatic().applyTo(VncSettings.builder()).build();
        assertThat(auto.jpegQuality()).isEqualTo(VncSettings.AUTO);
        assertThat(auto.compressionLevel()).isEqualTo(VncSettings.AUTO);
        assertThat(auto.encodings()).isEqualTo(VncSettings.defaults().encodings());
        assertThat(auto.colorDepth()).isEqualTo(ColorDepth.TRUE_COLOR_24);
        VncSettings fixed = new PictureSettings(5, VncSettings.AUTO, Encoding.ZRLE, ColorDepth.COLOURS_64)
                .applyTo(VncSettings.builder()).build();
        assertThat(fixed.jpegQuality()).isEqualTo(5);
        assertThat(fixed.compressionLevel()).isEqualTo(VncSettings.DEFAULT_COMPRESSION);
        assertThat(fixed.encodings()).containsExactly(Encoding.ZRLE);
        assertThat(fixed.colorDepth()).isEqualTo(ColorDepth.COLOURS_64);
        assertThat(new PictureSettings(VncSettings.AUTO, 8, null, ColorDepth.TRUE_COLOR_24)
                .applyTo(VncSettings.builder()).build().compressionLevel()).isEqualTo(8);
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

    @Test
    void aDamagedLineOrBytesThatAreNotUtf8LoseOnlyThemselvesAndThePinsStay() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        ConsoleSettings saved = ConsoleSettings.defaults().withPreferences(Theme.DARK, ViewerMode.EMBEDDED,
                ConsoleSettings.TIGERVNC_COMMAND, 7, ScalingMode.FIT).withPin("ums-a:8443", "0f".repeat(32))
                .withLogin("ums-a:8443", "jane");
        store.save(saved);
        Path file = dir.resolve(SettingsStore.FILE);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            out.write("broken=\\u12G4\n".getBytes(StandardCharsets.US_ASCII));    // an escape that is not one
            out.write(new byte[] {'x', '=', (byte) 0xC3, (byte) 0x28, '\n'});      // not UTF-8
        }
        ConsoleSettings loaded = store.load();
        assertThat(loaded.pins()).isEqualTo(Map.of("ums-a:8443", "0f".repeat(32)));
        assertThat(loaded.servers()).containsExactly("ums-a:8443");
        assertThat(loaded.lastUser()).isEqualTo("jane");
        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
        assertThat(loaded.pollSeconds()).isEqualTo(7);
    }

    @Test
    void aPinThatIsNotAFingerprintIsDroppedAndTheOthersStayUnderTheirServersAddress() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(dir.resolve(SettingsStore.FILE), "pin.UMS-A\\:8443=" + "AB:".repeat(31) + "AB\n"
                + "pin.ums-b\\:8443=not a fingerprint\npin.ums-c\\:8443=" + "ab".repeat(40) + "\n");
        assertThat(store.load().pins()).isEqualTo(Map.of("ums-a:8443", "ab".repeat(32)));
    }

    @Test
    void aPinSavedUnderAnotherSpellingCountsForTheAddressUnlessItsOwnSpellingHasOne() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(dir.resolve(SettingsStore.FILE), "pin.UMS.example.\\:8443=" + "ab".repeat(32) + "\n"
                + "pin.Other.example\\:8443=" + "cd".repeat(32) + "\npin.other.example\\:8443=" + "ef".repeat(32) + "\n");
        assertThat(store.load().pins()).isEqualTo(Map.of("ums.example:8443", "ab".repeat(32),
                "other.example:8443", "ef".repeat(32)));
    }

    @Test
    void aPipePlantedAtTheNameDoesNotHoldTheStart() throws Exception {
        Path file = dir.resolve(SettingsStore.FILE);
        assertThat(new ProcessBuilder("mkfifo", file.toString()).inheritIO().start().waitFor()).isZero();
        CompletableFuture<ConsoleSettings> loading = new CompletableFuture<>();
        Thread loader = new Thread(() -> loading.complete(new SettingsStore(dir).load()), "settings-load");
        loader.setDaemon(true);
        loader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(loading::isDone);
            assertThat(loading.join()).isEqualTo(ConsoleSettings.defaults());
        } finally {
            if (!loading.isDone()) {
                // a reader stuck in the pipe's open gets its end; without one, this open would wait in its turn
                try (var end = Files.newOutputStream(file, java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.APPEND)) {
                    loader.join(1000);
                }
            }
        }
    }

    @Test
    void theFolderIsMadeOrClosedOwnerOnlyAndTheFileIsOwnerOnly() throws Exception {
        Path fresh = dir.resolve("config").resolve("ums-console");
        new SettingsStore(fresh).save(ConsoleSettings.defaults());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(SettingsStore.FILE))))
                .isEqualTo("rw-------");

        Path older = Files.createDirectory(dir.resolve("older"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(older, PosixFilePermissions.fromString("rwxrwxr-x"));
        new SettingsStore(older).save(ConsoleSettings.defaults());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(older))).isEqualTo("rwx------");
    }
}
