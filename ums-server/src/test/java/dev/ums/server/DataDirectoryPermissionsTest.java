package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory (database, TLS key) is readable by its owner only, new or left open by an older version. */
class DataDirectoryPermissionsTest {
    @TempDir
    Path tmp;

    @Test
    void aNewDataDirectoryIsOwnerOnly() throws Exception {
        Path data = tmp.resolve("new").resolve("data");
        try (UmsServer server = UmsServer.start(ServerConfig.forTests(data))) {
            assertOwnerOnly(data);
        }
    }

    @Test
    void anOpenDataDirectoryIsClosedAtStart() throws Exception {
        Path data = tmp.resolve("old");
        try (UmsServer server = UmsServer.start(ServerConfig.forTests(data))) {
            assertThat(server.port()).isPositive();
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (UmsServer server = UmsServer.start(ServerConfig.forTests(data))) {
            assertOwnerOnly(data);
        }
    }

    private static void assertOwnerOnly(Path data) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> list = Files.list(data)) {
            files = list.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("identity.p12", "ums.mv.db");
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                    .isEqualTo("rw-------");
        }
    }
}
