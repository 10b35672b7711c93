package dev.ums.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.agent.SessionIndicator;
import dev.ums.agent.internal.indicator.IndicatorWindow;
import dev.ums.console.core.Credentials;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.protocol.imi.IndicatorPosition;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The person at a real device (agent, Xvnc) presses Disconnect on the shadow indicator, clicked with xdotool,
 * while an external viewer is connected through {@code ums proxy}'s {@link LocalProxy}: the proxy and the
 * console's connection both say why in the one sentence for it.
 */
class UserDisconnectTest {
    private static final String SENTENCE = "the user at the device ended the session";

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void disconnectAtTheDeviceIsTheSentenceAtTheProxy() throws Exception {
        try (XvncServer xvnc = XvncServer.start(640, 480);
             UmsServer server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")))) {
            DeviceAgent agent = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(),
                            "desk-5", dir.resolve("agent")).vnc(InetSocketAddress.createUnresolved("127.0.0.1", xvnc.port()))
                    .promptUser(false).enrollmentToken("enroll-secret")
                    .indicator(SessionIndicator.onDisplay(xvnc.display())).build());
            try {
                await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
                ImiClient client = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
                client.login("admin", "admin-secret".toCharArray());
                client.updateShadowSettings(agent.deviceId(),
                        new ShadowSettings(true, false, true, true, IndicatorPosition.TOP_RIGHT));
                ShadowConnection connection = new ShadowConnector(client).connect(
                        new Credentials("admin", "admin-secret".toCharArray()), "desk-5", true, (step, detail) -> { });
                try (LocalProxy proxy = LocalProxy.listen(connection, ListenAddress.DEFAULT)) {
                    CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                        try {
                            proxy.serveOne();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    try (Socket viewer = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
                        InputStream in = viewer.getInputStream();
                        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");

                        String window = new String(xvnc.runClient("timeout", "30", "xdotool", "search", "--sync",
                                "--onlyvisible", "--name", IndicatorWindow.TITLE), StandardCharsets.US_ASCII).trim()
                                .split("\\s+")[0];
                        xvnc.runClient("xdotool", "mousemove", "--window", window,
                                Integer.toString(IndicatorWindow.WIDTH - IndicatorWindow.BUTTON_WIDTH / 2),
                                Integer.toString(IndicatorWindow.HEIGHT / 2), "click", "1");

                        assertThat(in.read()).as("the viewer sees the end").isEqualTo(-1);
                        served.get(20, TimeUnit.SECONDS);
                    }
                    assertThat(proxy.endedBecause()).isEqualTo(SENTENCE);
                    assertThat(connection.closeReason()).isEqualTo(SENTENCE);
                }
            } finally {
                agent.close();
            }
        }
    }
}
