package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server + gateway + an agent that reaches only the gateway + a console, with a real Xvnc behind the agent. */
class GatewayShadowingTest extends GatewayBranchFixture {
    @BeforeEach
    void start() throws Exception {
        startBranch("branch-1", c -> c, c -> c);
    }

    @Test
    void aDeviceBehindTheGatewayIsOnlineWithRouteIcgAndCanBeShadowed() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(device().online()));
        assertThat(device().route()).isEqualTo("icg");

        try (ShadowConnection session = new ShadowConnector(console).open(device(), false, (step, detail) -> { })) {
            assertThat(session.session().route()).isEqualTo("icg");
            assertThat(session.session().tunnelUrl()).startsWith(gateway.baseUrl().replace("https", "wss"));
            assertThat(session.session().fingerprint()).isEqualTo(gateway.fingerprint());
            byte[] greeting = session.input().readNBytes(12);
            assertThat(new String(greeting, StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            // the gateway tells the server that the tunnel's sides met, as the server's own relay tells itself
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(console.shadowLog(agent.deviceId())).first().satisfies(e -> {
                        assertThat(e.outcome()).isEqualTo("CONNECTED");
                        assertThat(e.end()).isNull();
                    }));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(console.shadowLog(agent.deviceId())).first().satisfies(e -> {
                    assertThat(e.route()).isEqualTo("icg");
                    assertThat(e.outcome()).isEqualTo("COMPLETED");
                    assertThat(e.bytesFromDevice()).isGreaterThanOrEqualTo(12);
                }));
        assertThat(gateway.relay().maxBufferedBytes()).isLessThanOrEqualTo(dev.ums.relay.TlsServerFactory.MAX_FRAME);
    }

    @Test
    void theGatewayRefusesTokensItWasNotGiven() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
        URI unknown = URI.create(gateway.baseUrl().replace("https", "wss") + "/shadow/tunnel/made-up");
        assertThatThrownBy(() -> WebSocketEndpoint.connect(client, unknown, "made-up-token", Duration.ofSeconds(5)))
                .hasMessageContaining("HTTP 401");

        ShadowSession first = console.startShadow(agent.deviceId(), false);
        ShadowSession second = console.startShadow(agent.deviceId(), false);
        URI secondUrl = URI.create(second.tunnelUrl());
        assertThatThrownBy(() -> WebSocketEndpoint.connect(client, secondUrl, first.token(), Duration.ofSeconds(5)))
                .as("a token for another session").hasMessageContaining("HTTP 401");
        WebSocketEndpoint.connect(client, secondUrl, second.token(), Duration.ofSeconds(5)).close();
        assertThatThrownBy(() -> WebSocketEndpoint.connect(client, secondUrl, second.token(), Duration.ofSeconds(5)))
                .as("a used token").hasMessageContaining("HTTP 401");
    }

    @Test
    void healthCheckFollowsTheServerLink() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
        HttpRequest check = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/usg/check-status")).build();
        assertThat(client.send(check, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"status\":\"ok\"}");
        console.closeIdleConnections();
        server.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !gateway.serverConnected());
        assertThat(client.send(check, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"status\":\"warn\"}");
        server = LinkedCluster.serverLinkedTo(gateway, dir);
    }

    @Test
    void aGatewayRestartBringsDevicesBackAndEndsSessionsInFlightWithAReason() throws Exception {
        int port = gateway.port();
        ShadowConnection session = new ShadowConnector(console).open(device(), false, (step, detail) -> { });
        assertThat(session.input().readNBytes(12)).hasSize(12);

        gateway.close();
        assertThat(session.input().read()).as("the session in flight ends").isEqualTo(-1);
        assertThat(session.closeReason()).isEqualTo("the gateway is shutting down");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ThinClient down = console.thinClient(agent.deviceId());
            assertThat(down.online()).isFalse();
            assertThat(down.offlineReason()).contains("gateway");
        });

        gateway = LinkedCluster.gateway(dir, port);
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(device().online()));
        assertThat(device().offlineReason()).isNull();
    }
}
