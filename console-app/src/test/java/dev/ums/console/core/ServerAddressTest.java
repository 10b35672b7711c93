package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerAddressTest {
    @Test
    void acceptsWhatUsersType() {
        assertThat(ServerAddress.parse("https://ums.example:9443/whatever")).isEqualTo(new ServerAddress("ums.example", 9443));
        assertThat(ServerAddress.parse("ums.example")).isEqualTo(new ServerAddress("ums.example", 8443));
        assertThat(ServerAddress.parse("127.0.0.1:1234").apiRoot()).hasToString("https://127.0.0.1:1234/umsapi/v3/");
        assertThat(ServerAddress.parse("https://[::1]:1234").toString()).isEqualTo("[::1]:1234");
    }

    @Test
    void oneServerHasOneAddressWhicheverWayItsNameIsSpelled() {
        assertThat(ServerAddress.parse("HTTPS://UMS.Example.:9443")).hasToString("ums.example:9443")
                .isEqualTo(ServerAddress.parse("ums.example:9443"));
        assertThat(ServerAddress.parse("https://[::FFFF:7F00:1]:9443")).hasToString("[::ffff:7f00:1]:9443");
    }

    @Test
    void refusesPlainHttp() {
        assertThatThrownBy(() -> ServerAddress.parse("http://ums.example"))
                .hasMessage("the server address must use https://, got: http://ums.example");
    }
}
