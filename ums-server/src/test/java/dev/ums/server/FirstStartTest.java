package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting where a port is taken: one sentence naming that port, and on a first start without UMS_ADMIN_PASSWORD the
 * generated password shown once, by a start that serves; a password too short to resist guessing is refused at the
 * first start, which creates no administrator, and never looked at once there is one.
 */
class FirstStartTest {
    @TempDir
    Path data;

    @Test
    void aFirstStartThatCannotListenLeavesThePasswordToBeGeneratedAtTheNextStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerConfig onATakenPort = ServerConfig.builder(data).bind("127.0.0.1").port(taken.getLocalPort()).build();
            assertThatThrownBy(() -> UmsServer.start(onATakenPort)).isInstanceOf(IOException.class)
                    .hasMessageContaining("the port is in use");
        }

        try (UmsServer server = UmsServer.start(ServerConfig.builder(data).bind("127.0.0.1").port(0).build())) {
            String generated = server.generatedAdminPassword();
            assertThat(generated).as("the password of the administrator this start created").isNotBlank();
            assertThat(new RestClient(server).login("admin", generated).status()).isEqualTo(200);
        }
        try (UmsServer again = UmsServer.start(ServerConfig.builder(data).bind("127.0.0.1").port(0).build())) {
            assertThat(again.generatedAdminPassword()).as("shown once").isNull();
        }
    }

    @Test
    void aLoadBalancersPortInUseIsTheOneNamed() throws Exception {
        int main;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            main = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerConfig config = ServerConfig.forTests(data).toBuilder().port(main).proxyPort(taken.getLocalPort())
                    .build();
            assertThatThrownBy(() -> UmsServer.start(config)).isInstanceOf(IOException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is in use or the address is not local");
        }
        try (ServerSocket again = new ServerSocket(main, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the main port the failed start had bound is free again")
                    .isEqualTo(main);
        }
    }

    @Test
    void aFirstStartWithAShortPasswordIsRefusedAndCreatesNoAdministrator() throws Exception {
        ServerConfig shortPassword = ServerConfig.forTests(data).toBuilder().adminPassword("admin").build();
        assertThatThrownBy(() -> UmsServer.start(shortPassword)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the administrator's password in UMS_ADMIN_PASSWORD is too short to resist guessing: use "
                        + "at least 8 characters, or leave it unset and the server makes one and prints it");

        try (UmsServer server = UmsServer.start(ServerConfig.forTests(data).toBuilder().adminPassword("eight-ch")
                .build())) {
            assertThat(new RestClient(server).login("admin", "eight-ch").status()).isEqualTo(200);
        }
        try (UmsServer again = UmsServer.start(shortPassword)) {
            assertThat(new RestClient(again).login("admin", "eight-ch").status())
                    .as("a later start does not look at the password").isEqualTo(200);
        }
    }
}
