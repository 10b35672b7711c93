package dev.ums.protocol.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedTrustTest {
    @TempDir
    Path dir;

    @Test
    void anIdentityIsCreatedOnceAndReusedWithTheSameFingerprint() throws Exception {
        SelfSignedIdentity first = SelfSignedIdentity.loadOrCreate(dir, "UMS Server");
        SelfSignedIdentity again = SelfSignedIdentity.loadOrCreate(dir, "UMS Server");
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(SelfSignedIdentity.Pem.decode(first.certificatePem())).isEqualTo(first.certificate());
    }

    @Test
    void onlyThePinnedCertificatePasses() throws Exception {
        X509Certificate mine = SelfSignedIdentity.create("mine").certificate();
        X509Certificate other = SelfSignedIdentity.create("other").certificate();
        String pin = Fingerprints.sha256(mine).toUpperCase().replaceAll("(..)", "$1:").replaceAll(":$", "");

        PinnedTrust byFingerprint = PinnedTrust.fingerprint(pin);
        byFingerprint.checkServerTrusted(new X509Certificate[] {mine}, "EC");
        assertThatThrownBy(() -> byFingerprint.checkServerTrusted(new X509Certificate[] {other}, "EC"))
                .isInstanceOfSatisfying(CertificatePinMismatch.class,
                        m -> assertThat(m.presented()).isEqualTo(Fingerprints.sha256(other)));

        PinnedTrust exactly = PinnedTrust.exactly(mine);
        exactly.checkServerTrusted(new X509Certificate[] {mine}, "EC");
        assertThatThrownBy(() -> exactly.checkServerTrusted(new X509Certificate[] {other}, "EC"))
                .isInstanceOf(CertificatePinMismatch.class);
        assertThatThrownBy(() -> exactly.checkServerTrusted(new X509Certificate[0], "EC"))
                .hasMessage("the peer presented no certificate");
    }

    @Test
    void fingerprintsMustBe64HexDigits() {
        assertThatThrownBy(() -> Fingerprints.normalize("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a fingerprint is 64 hex digits");
    }
}
