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
    void refusesPlainHttp() {
        assertThatThrownBy(() -> ServerAddress.parse("http://ums.example"))
                .hasMessage("the server address must use https://, got: http://ums.example");
    }
}
