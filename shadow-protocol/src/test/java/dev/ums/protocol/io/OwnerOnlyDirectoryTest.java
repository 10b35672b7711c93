package dev.ums.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Data directories made owner-only on the real file system, and the warning that says what was changed. */
class OwnerOnlyDirectoryTest {
    @TempDir
    Path tmp;
    private final Logger logger = (Logger) LoggerFactory.getLogger(OwnerOnlyDirectory.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
        log.stop();
    }

    @Test
    void aNewDirectoryIsCreatedOwnerOnlyWithItsParentsWithoutAWarning() throws Exception {
        Path dir = tmp.resolve("a").resolve("b").resolve("data");

        OwnerOnlyDirectory.secure(dir);

        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(log.list).isEmpty();
    }

    @Test
    void anOpenDirectoryAndItsFilesAreClosedAndTheWarningSaysWhatWasChanged() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Path key = Files.writeString(dir.resolve("identity.p12"), "key");
        Path credential = Files.writeString(dir.resolve("credential.properties"), "credential");
        Path closed = Files.writeString(dir.resolve("closed"), "closed");
        Path sub = Files.createDirectory(dir.resolve("recordings"));
        Path elsewhere = Files.writeString(tmp.resolve("someone-elses.txt"), "kept");
        Files.createSymbolicLink(dir.resolve("link"), elsewhere);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(credential, PosixFilePermissions.fromString("rw-rw-r--"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyDirectory.secure(dir);

        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(key)).isEqualTo("rw-------");
        assertThat(permissions(credential)).isEqualTo("rw-------");
        assertThat(permissions(closed)).isEqualTo("rw-------");
        assertThat(permissions(sub)).as("a directory inside is its own caller's").isEqualTo("rwxr-xr-x");
        assertThat(permissions(elsewhere)).as("a link is not followed").isEqualTo("rw-r--r--");
        assertThat(log.list).hasSize(1);
        ILoggingEvent warning = log.list.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getFormattedMessage())
                .startsWith("the data directory " + dir + " holds secrets and was not owner-only; took the group's and"
                        + " others' rights from it and its files (the directory was rwxr-xr-x, ")
                .contains("identity.p12 was rw-r--r--", "credential.properties was rw-rw-r--")
                .doesNotContain("closed was", "recordings", "link");
    }

    @Test
    void theOwnersOwnRightsAreKept() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Path script = Files.writeString(dir.resolve("start.sh"), "#!/bin/sh");
        Path readOnly = Files.writeString(dir.resolve("identity.password"), "secret");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r-----"));

        OwnerOnlyDirectory.secure(dir);

        assertThat(permissions(script)).isEqualTo("rwx------");
        assertThat(permissions(readOnly)).isEqualTo("r--------");
    }

    /**
     * Another user's directory is refused: they could read the secrets whatever its permissions. As root (CI) it is
     * given to uid 65534; as another user, a directory of root's stands for it, which is left as root set it.
     */
    @Test
    void anotherUsersDirectoryIsRefusedAndRootsIsLeftAsItIs() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Path key = Files.writeString(dir.resolve("identity.p12"), "key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        if (Files.getAttribute(dir, "unix:uid").equals(0)) {
            Files.setAttribute(dir, "unix:uid", 65534);

            assertThatThrownBy(() -> OwnerOnlyDirectory.secure(dir)).isInstanceOf(IOException.class)
                    .hasMessage("the data directory " + dir + " belongs to another user (uid 65534), who could read"
                            + " its secrets; run as that user, or choose a directory of your own");
            assertThat(permissions(key)).isEqualTo("rw-r--r--");
        } else {
            Path roots = Path.of("/usr");
            String before = permissions(roots);

            OwnerOnlyDirectory.secure(roots);

            assertThat(permissions(roots)).isEqualTo(before);
            assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                    .startsWith("the data directory /usr holds secrets, is root's and is ");
        }
    }

    @Test
    void aDirectoryThatCannotBeMadeIsOneSentenceNamingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Path dir = file.resolve("data");

        assertThatThrownBy(() -> OwnerOnlyDirectory.secure(dir)).isInstanceOf(IOException.class)
                .hasMessage("the data directory " + dir + " cannot be made readable by its owner only (" + file
                        + " is not a directory); run as the user who owns it, or choose another");
    }

    @Test
    void anOwnerOnlyDirectoryIsLeftAsItIsWithoutAWarning() throws Exception {
        Path dir = tmp.resolve("data");
        OwnerOnlyDirectory.secure(dir);
        Path file = Files.writeString(dir.resolve("identity.p12"), "key");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        OwnerOnlyDirectory.secure(dir);

        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(log.list).isEmpty();
    }

    @Test
    void filesALibraryCreatedSinceAreClosedWithoutAWarning() throws Exception {
        Path dir = tmp.resolve("data");
        OwnerOnlyDirectory.secure(dir);
        Path database = Files.writeString(dir.resolve("ums.mv.db"), "rows");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyDirectory.restrictFiles(dir);

        assertThat(permissions(database)).isEqualTo("rw-------");
        assertThat(log.list).isEmpty();
    }

    @Test
    void aFileNameThatWouldBreakTheLineIsQuotedOnOneAndManyFilesAreCounted() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(dir.resolve("forged\nWARN line"), "x");
        for (int i = 0; i < OwnerOnlyDirectory.CHANGES_NAMED + 5; i++) {
            Files.writeString(dir.resolve("file" + i), "x");
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        OwnerOnlyDirectory.secure(dir);

        assertThat(log.list).hasSize(1);
        String line = log.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain("\n").endsWith(" was rw-r--r-- and 6 more files)");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
