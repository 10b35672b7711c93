package dev.ums.agent.internal.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.imi.Enrollment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    void theEnrollmentKeyIsMadeOnceKeptWithTheIdentityAndReadableByTheOwnerOnly() throws IOException {
        Path agent = dir.resolve("agent");
        Files.createDirectories(agent);
        Files.writeString(agent.resolve("identity.properties"), "unitId=02AB\nmac=02AB\n", StandardCharsets.UTF_8);

        String key = new CredentialStore(agent).enrollmentKey();

        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(new CredentialStore(agent).enrollmentKey()).isEqualTo(key);
        assertThat(new CredentialStore(agent).identity()).isEqualTo(new DeviceIdentity("02AB", "02AB"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agent.resolve("identity.properties"))))
                .isEqualTo("rw-------");
        assertThat(new CredentialStore(dir.resolve("another")).enrollmentKey()).isNotEqualTo(key);
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

    @Test
    void anIdentityFileWithoutItsValuesIsDamaged() throws IOException {
        Path file = Files.writeString(dir.resolve("identity.properties"), "unitId=02AB\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CredentialStore(dir).identity())
                .isInstanceOf(IOException.class)
                .hasMessage("the device identity file " + file + " is damaged (no unitId or no mac); move it away and"
                        + " the agent gives the device a new unit id and MAC at its next start");
    }

    @Test
    void aCredentialFileThatCannotBeReadIsDamaged() throws IOException {
        Path file = Files.writeString(dir.resolve("credential.properties"), "credential=\\u00zz\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CredentialStore(dir).enrollment())
                .isInstanceOf(IOException.class)
                .hasMessage("the credential file " + file + " is damaged (Malformed \\uxxxx encoding); delete it and"
                        + " enroll again");
    }
}
