package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file of certificates trusted on first use: owner-only, and written without following a link that another user
 * planted beside it (as the name of a temporary file).
 */
class VncKnownCertificatesTest {
    private static final String PIN = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void theFileIsOwnerOnlyAndALinkBesideItIsNotFollowed() throws Exception {
        Path file = dir.resolve("known-vnc-certificates");
        Path victim = Files.writeString(dir.resolve("victim"), "someone's file\n");
        Files.createSymbolicLink(dir.resolve("known-vnc-certificates.tmp"), victim);

        VncKnownCertificates.inFile(file).remember("desk:5900", PIN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(victim)).isEqualTo("someone's file\n");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(VncKnownCertificates.inFile(file).fingerprint("desk:5900")).isEqualTo(PIN);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("known-vnc-certificates", "known-vnc-certificates.tmp", "victim");
        }
    }
}
