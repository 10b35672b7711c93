package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A gateway's URL in the one form every node of a cluster finds its lease and its sessions' audit entries by. */
class GatewayTargetTest {
    private static final String PIN = "ab".repeat(32);

    @Test
    void spellingsOfOneGatewayNameItAlike() {
        for (String given : new String[] {"https://gw.example:8443", "https://GW.Example:8443/",
                "HTTPS://gw.example:8443//", " https://gw.example:8443 "}) {
            assertThat(new GatewayTarget(given, PIN).url()).as(given).isEqualTo("https://gw.example:8443");
        }
        assertThat(new GatewayTarget("https://[::1]:8443/icg/", PIN).url()).isEqualTo("https://[::1]:8443/icg");
    }

    @Test
    void somethingThatIsNoGatewayUrlIsRefusedWithASentence() {
        assertThatThrownBy(() -> new GatewayTarget("gw.example:8443", PIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the gateway URL gw.example:8443 names no scheme and host, "
                        + "such as https://gateway.example:8443");
        assertThatThrownBy(() -> new GatewayTarget("https://ums_icg:8443", PIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the gateway URL https://ums_icg:8443 names no valid host (a host name has letters, "
                        + "digits, dots and hyphens only)");
        assertThatThrownBy(() -> new GatewayTarget("https://gw example", PIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the gateway URL https://gw example is not a URL: ");
    }
}
