package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.testkit.http.RawHttps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load balancer's port: a connection must begin with a PROXY protocol header, and then the server counts
 * the client's own address, not the balancer's, here seen through login throttling (five free failures per address).
 */
class ProxyProtocolTest {
    @TempDir
    Path data;
    UmsServer server;
    SSLContext tls;

    @BeforeEach
    void start() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(data).toBuilder().proxyPort(0).build());
        tls = PinnedTrust.fingerprint(server.fingerprint()).sslContext();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void failedLoginsCountAgainstTheAddressTheBalancerNamesNotTheBalancers() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(failedLoginFrom("10.1.2.3")).as("failure %d from 10.1.2.3", i + 1).isEqualTo(401);
        }
        assertThat(failedLoginFrom("10.1.2.3")).as("the sixth from the same client").isEqualTo(429);
        assertThat(failedLoginFrom("10.1.2.4")).as("another client behind the same balancer").isEqualTo(401);
    }

    @Test
    void aConnectionWithoutTheHeaderIsClosedOnTheBalancersPortAndTheDirectPortIsUnchanged() throws Exception {
        assertThatThrownBy(() -> RawHttps.connect(tls, "127.0.0.1", server.proxyPort()).close())
                .isInstanceOf(IOException.class);
        try (RawHttps direct = RawHttps.connect(tls, "127.0.0.1", server.port())) {
            assertThat(direct.send(RawHttps.head("GET", "/umsapi/v3/serverstatus", Map.of()))
                    .reply(Duration.ofSeconds(10)).status()).isEqualTo(200);
        }
    }

    /**
     * The balancer's health check: a PROXY v2 header with the LOCAL command (no client named), then TLS. Its
     * handshake takes its turn ahead of waiting clients (docs/SECURITY.md); here it is answered like any request.
     */
    @Test
    void theBalancersHealthCheckWithALocalHeaderIsAnswered() throws Exception {
        byte[] local = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0x00, 0x00};
        for (int check = 0; check < 3; check++) {
            try (RawHttps balancer = RawHttps.connect(tls, "127.0.0.1", server.proxyPort(), local)) {
                assertThat(balancer.send(RawHttps.head("GET", "/umsapi/v3/serverstatus", Map.of()))
                        .reply(Duration.ofSeconds(10)).status()).as("check %d", check + 1).isEqualTo(200);
            }
        }
    }

    private int failedLoginFrom(String client) throws IOException {
        byte[] header = ("PROXY TCP4 " + client + " 127.0.0.1 40000 " + server.proxyPort() + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String basic = Base64.getEncoder().encodeToString("nobody:wrong".getBytes(StandardCharsets.UTF_8));
        try (RawHttps balanced = RawHttps.connect(tls, "127.0.0.1", server.proxyPort(), header)) {
            return balanced.send(RawHttps.request("POST", "/umsapi/v3/login", Map.of("Authorization", "Basic " + basic),
                    "")).reply(Duration.ofSeconds(10)).status();
        }
    }
}
