package dev.ums.protocol.gateway;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The gateway's shared secret: missing or shorter than 16 characters is refused with a sentence saying what to do. */
class GatewaySecretTest {
    @Test
    void aMissingSecretIsRefusedNamingTheVariable() {
        for (String missing : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> GatewaySecret.check(missing, "the gateway"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the gateway needs the secret the gateway and its servers share: set UMS_ICG_SECRET "
                            + "(for example to the output of `openssl rand -hex 16`)");
        }
    }

    @Test
    void fifteenCharactersAreTooFewEvenPaddedWithSpacesAndSixteenAreEnough() {
        assertThatThrownBy(() -> GatewaySecret.check("  " + "x".repeat(15) + "  ", "the gateway"))
                .hasMessage("the gateway secret in UMS_ICG_SECRET is too short to resist guessing: give it at least 16 "
                        + "characters (for example the output of `openssl rand -hex 16`)");
        assertThatCode(() -> GatewaySecret.check("x".repeat(GatewaySecret.MIN_LENGTH), "the gateway"))
                .doesNotThrowAnyException();
    }
}
