package dev.ums.agent.internal.up;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.Enrollment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    @TempDir
    Path dir;

    @Test
    void identityIsGeneratedOnceAndKept() throws IOException {
        DeviceIdentity first = new CredentialStore(dir.resolve("agent")).identity();

        DeviceIdentity again = new CredentialStore(dir.resolve("agent")).identity();

        assertThat(again).isEqualTo(first);
        assertThat(first.mac()).matches("[0-9A-F]{12}");
        // Locally administered unicast: second bit of the first octet set, lowest bit clear.
        assertThat(Integer.parseInt(first.mac().substring(0, 2), 16) & 0x03).isEqualTo(0x02);
    }

    @Test
    void enrollmentIsStoredReadableByTheOwnerOnly() throws IOException {
        CredentialStore store = new CredentialStore(dir);
        assertThat(store.enrollment()).isEmpty();

        store.saveEnrollment(new Enrollment("7", "secret"));

        assertThat(new CredentialStore(dir).enrollment()).contains(new Enrollment("7", "secret"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.credentialFile())))
                .isEqualTo("rw-------");
    }
}
