package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ums.protocol.io.OwnerOnlyDirectory;
import dev.ums.testkit.log.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's data directory holds its TLS key store and the key store's password: it is owner-only when new, and
 * one made by hand or left open (755, files 644) is closed at the next start, as the server closes its own, with one
 * warning line saying what was changed. Called by JUnit's test thread.
 */
class GatewayDataDirectoryTest {
    @TempDir
    Path tmp;
    @RegisterExtension
    final CapturedLog ownerOnlyLog = new CapturedLog(OwnerOnlyDirectory.class);

    @Test
    void aNewDataDirectoryIsOwnerOnly() throws Exception {
        Path data = tmp.resolve("new").resolve("icg");
        try (IcgServer gateway = IcgServer.start(IcgConfig.forTests(data, LinkedCluster.SECRET))) {
            assertOwnerOnly(data);
        }
        assertThat(ownerOnlyLog.events()).isEmpty();
    }

    @Test
    void anOpenDataDirectoryIsClosedAtStartAndTheKeyKept() throws Exception {
        Path data = tmp.resolve("icg");
        String fingerprint;
        try (IcgServer gateway = IcgServer.start(IcgConfig.forTests(data, LinkedCluster.SECRET))) {
            fingerprint = gateway.fingerprint();
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path file : files(data)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }

        try (IcgServer gateway = IcgServer.start(IcgConfig.forTests(data, LinkedCluster.SECRET))) {
            assertOwnerOnly(data);
            assertThat(gateway.fingerprint()).isEqualTo(fingerprint);
        }
        assertThat(ownerOnlyLog.events()).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .startsWith("the data directory " + data + " holds secrets and was not owner-only")
                .contains("the directory was rwxr-xr-x", "identity.p12 was rw-r--r--",
                        "identity.password was rw-r--r--");
    }

    private static void assertOwnerOnly(Path data) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        List<Path> files = files(data);
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("identity.p12", "identity.password");
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                    .isEqualTo("rw-------");
        }
    }

    private static List<Path> files(Path data) throws IOException {
        try (Stream<Path> list = Files.list(data)) {
            return list.filter(Files::isRegularFile).toList();
        }
    }
}
