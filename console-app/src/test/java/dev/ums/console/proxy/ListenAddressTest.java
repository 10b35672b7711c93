package dev.ums.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
    @Test
    void parsesHostAndPortIncludingIpv6() {
        assertThat(ListenAddress.parse("127.0.0.1:0")).isEqualTo(ListenAddress.DEFAULT);
        assertThat(ListenAddress.parse("[::1]:5901")).isEqualTo(new ListenAddress("::1", 5901));
        assertThat(ListenAddress.parse("0.0.0.0:5900")).isEqualTo(new ListenAddress("0.0.0.0", 5900));
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        assertThatThrownBy(() -> ListenAddress.parse("5900")).hasMessage("a listen address is HOST:PORT, got: 5900");
        assertThatThrownBy(() -> ListenAddress.parse("localhost:x"))
                .hasMessage("a listen address is HOST:PORT, got: localhost:x");
        assertThatThrownBy(() -> ListenAddress.parse("localhost:70000"))
                .hasMessage("the listen port must be between 0 and 65535, got 70000");
    }
}
