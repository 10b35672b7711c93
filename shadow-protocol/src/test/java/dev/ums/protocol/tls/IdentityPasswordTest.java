package dev.ums.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity key store is encrypted with a random password kept in an owner-only file. */
class IdentityPasswordTest {
    @TempDir
    Path dir;

    @Test
    void theKeyStorePasswordIsRandomAndOwnerOnly() throws Exception {
        SelfSignedIdentity first = SelfSignedIdentity.loadOrCreate(dir.resolve("a"), "UMS Server");
        SelfSignedIdentity.loadOrCreate(dir.resolve("b"), "UMS Server");
        String a = Files.readString(dir.resolve("a/identity.password"));
        String b = Files.readString(dir.resolve("b/identity.password"));
        assertThat(a).hasSize(32).isNotEqualTo(b).isNotEqualTo(new String(SelfSignedIdentity.STORE_PASSWORD));
        for (String f : new String[] {"identity.password", "identity.p12"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a").resolve(f))))
                    .isEqualTo("rw-------");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("a/identity.p12"))) {
            store.load(in, a.toCharArray());
        }
        assertThat(store.getCertificate("identity")).isEqualTo(first.certificate());
        assertThat(SelfSignedIdentity.loadOrCreate(dir.resolve("a"), "UMS Server").fingerprint())
                .isEqualTo(first.fingerprint());
    }

    @Test
    void aKeyStoreOfAnEarlierVersionIsReEncryptedAndKeepsItsFingerprint() throws Exception {
        SelfSignedIdentity old = SelfSignedIdentity.create("UMS Server");
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve("identity.p12"))) {
            old.keyStore().store(out, SelfSignedIdentity.STORE_PASSWORD);
        }
        SelfSignedIdentity loaded = SelfSignedIdentity.loadOrCreate(dir, "UMS Server");
        assertThat(loaded.fingerprint()).isEqualTo(old.fingerprint());
        assertThat(dir.resolve("identity.password")).exists();
        assertThat(SelfSignedIdentity.loadOrCreate(dir, "UMS Server").fingerprint()).isEqualTo(old.fingerprint());
    }
}
