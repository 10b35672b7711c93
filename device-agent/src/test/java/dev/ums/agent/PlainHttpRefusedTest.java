package dev.ums.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.agent.internal.up.CredentialStore;
import dev.ums.protocol.imi.Enrollment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent given a plain-HTTP server or gateway address refuses it with one sentence before it connects anywhere,
 * so neither the enrollment token nor the device's credential can leave in clear text. The address is a real
 * listening socket that would take any connection. Called by JUnit's test thread.
 */
class PlainHttpRefusedTest {
    private static final String PIN = "ab".repeat(32);

    @TempDir
    Path dir;
    private ServerSocketChannel listener;
    private String httpUrl;

    @BeforeEach
    void listen() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        httpUrl = "http://127.0.0.1:" + listener.socket().getLocalPort();
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    @Test
    void theEnrollmentTokenIsNotSentToAnHttpServer() throws IOException {
        AgentConfig config = AgentConfig.builder(httpUrl, PIN, "plain", dir.resolve("agent"))
                .enrollmentToken("enroll-secret").indicator(SessionIndicator.NONE).build();

        assertThatThrownBy(() -> DeviceAgent.start(config))
                .isInstanceOf(IOException.class)
                .hasMessage("the server address must use https://, got: " + httpUrl);
        assertThat(listener.accept()).as("a connection to the plain-HTTP address").isNull();
        assertThat(dir.resolve("agent").resolve("credential.properties")).doesNotExist();
    }

    @Test
    void theDeviceCredentialIsNotSentToAnHttpGateway() throws IOException {
        new CredentialStore(dir.resolve("agent")).saveEnrollment(new Enrollment("7", "device-credential"));
        AgentConfig config = AgentConfig.builder(httpUrl, PIN, "plain", dir.resolve("agent"))
                .indicator(SessionIndicator.NONE).build();

        assertThatThrownBy(() -> DeviceAgent.start(config).close())
                .isInstanceOf(IOException.class)
                .hasMessage("the server address must use https://, got: " + httpUrl);
        assertThat(listener.accept()).as("a connection to the plain-HTTP address").isNull();
    }
}
