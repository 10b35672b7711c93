package dev.ums.protocol.imi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The answers that carry a way in say everything else in their text, never that. */
class HiddenSecretsTest {
    @Test
    void aShadowSessionsTextLeavesOutItsToken() {
        ShadowSession session = new ShadowSession("s-1", "wss://ums:8443/shadow/tunnel/s-1", "tunnel-token-0123456789",
                "direct", true, 60, null);

        assertThat(session.toString()).doesNotContain("tunnel-token-0123456789")
                .contains("s-1", "wss://ums:8443/shadow/tunnel/s-1", "token=(hidden)", "direct");
    }

    @Test
    void aSecureVncSecretsTextLeavesOutItsPassword() {
        ShadowSecret secret = new ShadowSecret("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                "464abcbd-1399-47d0-b011-eba2e67a72b0");

        assertThat(secret.toString()).doesNotContain("464abcbd").contains("password=(hidden)", "PEM");
        assertThat(new ShadowSecret("", "464abcbd-1399-47d0-b011-eba2e67a72b0").toString())
                .isEqualTo("ShadowSecret[certificate=(none), password=(hidden)]");
    }
}
