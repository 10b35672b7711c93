package dev.ums.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The agent against the real server and a real Xvnc: enrollment, UP, tunnels, refusals, reconnects. */
class AgentShadowingTest extends AgentOnServerFixture {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void startXvnc() {
        xvnc = XvncServer.start(640, 480);
    }

    private ConsoleClient startServerAndAgent(InetSocketAddress vnc, boolean promptOnServer) throws IOException {
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        agent = DeviceAgent.start(config(vnc));
        await().atMost(WAIT).until(agent::isConnected);
        ConsoleClient console = new ConsoleClient(server).login();
        console.settings(agent.deviceId(), new ShadowSettings(true, promptOnServer, true));
        return console;
    }

    private AgentConfig config(InetSocketAddress vnc) {
        return AgentConfig.builder(server.baseUrl(), server.fingerprint(), "agent-test", dir.resolve("agent")).vnc(vnc)
                .promptUser(false).enrollmentToken("enroll-secret")
                .prompt(request -> ConsentPrompt.Answer.deny("no prompt expected in this test")).build();
    }

    private static InetSocketAddress xvncAddress() {
        return InetSocketAddress.createUnresolved(xvnc.host(), xvnc.port());
    }

    @Test
    void consoleTunnelReachesTheDevicesVncServer() throws IOException {
        ConsoleClient console = startServerAndAgent(xvncAddress(), false);

        ConsoleClient.Reply reply = console.shadow(agent.deviceId(), false);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        try (WebSocketEndpoint tunnel = console.tunnel(reply.session())) {
            assertThat(readAscii(tunnel.input(), 12)).isEqualTo("RFB 003.008\n");
        }
    }

    @Test
    void twoSessionsRunAtTheSameTime() throws Exception {
        ConsoleClient console = startServerAndAgent(xvncAddress(), false);

        CompletableFuture<ConsoleClient.Reply> first = shadowInBackground(console);
        CompletableFuture<ConsoleClient.Reply> second = shadowInBackground(console);

        try (WebSocketEndpoint a = console.tunnel(first.get(40, TimeUnit.SECONDS).session());
             WebSocketEndpoint b = console.tunnel(second.get(40, TimeUnit.SECONDS).session())) {
            RfbProbe one = new RfbProbe(a.input(), a.output()).handshake();
            RfbProbe two = new RfbProbe(b.input(), b.output()).handshake();
            one.roundTrip();
            two.roundTrip();
            assertThat(one.width()).isEqualTo(two.width()).isEqualTo(640);
        }
    }

    @Test
    void fullSessionMovesThePointerOnTheDevice() throws IOException {
        ConsoleClient console = startServerAndAgent(xvncAddress(), false);
        String before = pointerOnXvnc();

        try (WebSocketEndpoint tunnel = console.tunnel(console.shadow(agent.deviceId(), false).session())) {
            RfbProbe rfb = new RfbProbe(tunnel.input(), tunnel.output()).handshake();
            int x = before.equals("X=11 Y=22") ? 33 : 11;
            rfb.pointer(x, 22);
            rfb.roundTrip();

            assertThat(pointerOnXvnc()).isEqualTo("X=" + x + " Y=22");
        }
    }

    @Test
    void viewOnlySessionNeverLetsThePointerReachTheDevice() throws IOException {
        ConsoleClient console = startServerAndAgent(xvncAddress(), false);
        String before = pointerOnXvnc();

        try (WebSocketEndpoint tunnel = console.tunnel(console.shadow(agent.deviceId(), true).session())) {
            RfbProbe rfb = new RfbProbe(tunnel.input(), tunnel.output()).handshake();
            assertThat(rfb.width()).isEqualTo(640);
            assertThat(rfb.height()).isEqualTo(480);
            rfb.pointer(5, 7);
            rfb.key(0x61, true);
            rfb.key(0x61, false);
            rfb.roundTrip();

            assertThat(pointerOnXvnc()).isEqualTo(before).isNotEqualTo("X=5 Y=7");
        }
    }

    @Test
    void deviceWithoutRemoteInputDropsThePointerOfAFullSession() throws IOException {
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        agent = DeviceAgent.start(config(xvncAddress()).withAllowInput(false));
        await().atMost(WAIT).until(agent::isConnected);
        ConsoleClient console = new ConsoleClient(server).login();
        console.settings(agent.deviceId(), new ShadowSettings(true, false, true));
        String before = pointerOnXvnc();

        try (WebSocketEndpoint tunnel = console.tunnel(console.shadow(agent.deviceId(), false).session())) {
            RfbProbe rfb = new RfbProbe(tunnel.input(), tunnel.output()).handshake();
            rfb.pointer(6, 8);
            rfb.roundTrip();

            assertThat(pointerOnXvnc()).isEqualTo(before).isNotEqualTo("X=6 Y=8");
        }
    }

    @Test
    @Timeout(30)
    void viewOnlySessionWithAnUnknownMessageIsClosed() throws IOException {
        ConsoleClient console = startServerAndAgent(xvncAddress(), false);

        try (WebSocketEndpoint tunnel = console.tunnel(console.shadow(agent.deviceId(), true).session())) {
            RfbProbe rfb = new RfbProbe(tunnel.input(), tunnel.output()).handshake();
            rfb.raw((byte) 7, (byte) 0, (byte) 0, (byte) 0);

            // The message's length is unknown, so input could hide behind it: the agent ends the session.
            assertThat(rfb.readUntilEnd()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void vncServerDownIsReportedAsNoVncServer() throws IOException {
        ConsoleClient console = startServerAndAgent(InetSocketAddress.createUnresolved("127.0.0.1", closedPort()), false);

        ConsoleClient.Reply reply = console.shadow(agent.deviceId(), false);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.body()).contains("the device's VNC server is not running").contains("connection refused");
    }

    @Test
    void personAtTheDeviceClicksAcceptAndTheConsoleGetsTheScreen() throws Exception {
        ConsoleClient console = startServerAndAgentPromptingOnXvnc();

        CompletableFuture<ConsoleClient.Reply> reply = shadowInBackground(console);
        new ConsentDialogClicker(xvnc).clickAccept();

        assertThat(reply.get(40, TimeUnit.SECONDS).status()).as(reply.get().body()).isEqualTo(200);
        try (WebSocketEndpoint tunnel = console.tunnel(reply.get().session())) {
            assertThat(readAscii(tunnel.input(), 12)).isEqualTo("RFB 003.008\n");
        }
    }

    @Test
    void personAtTheDeviceClicksDenyAndTheConsoleIsToldDeclined() throws Exception {
        ConsoleClient console = startServerAndAgentPromptingOnXvnc();

        CompletableFuture<ConsoleClient.Reply> reply = shadowInBackground(console);
        new ConsentDialogClicker(xvnc).clickDeny();

        assertThat(reply.get(40, TimeUnit.SECONDS).status()).isEqualTo(403);
        assertThat(reply.get().body()).contains("the user at the device declined the session (the user declined)");
    }

    private ConsoleClient startServerAndAgentPromptingOnXvnc() throws IOException {
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        agent = DeviceAgent.start(config(xvncAddress())
                .withPrompt(true, ConsentPrompt.onDisplay(xvnc.display(), ConsentPrompt.DEFAULT_TIMEOUT)));
        await().atMost(WAIT).until(agent::isConnected);
        return new ConsoleClient(server).login();
    }

    private CompletableFuture<ConsoleClient.Reply> shadowInBackground(ConsoleClient console) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return console.shadow(agent.deviceId(), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void deviceDeniesWhenThePromptDenies() throws IOException {
        ConsoleClient console = startServerAndAgent(xvncAddress(), true);

        ConsoleClient.Reply reply = console.shadow(agent.deviceId(), false);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).contains("declined").contains("no prompt expected in this test");
    }

    @Test
    void theDevicesOwnPromptSettingWinsOverTheServers() throws IOException {
        AtomicReference<ConsentPrompt.Request> asked = new AtomicReference<>();
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        agent = DeviceAgent.start(config(xvncAddress()).withPrompt(true, request -> {
            asked.set(request);
            return ConsentPrompt.Answer.accept();
        }));
        await().atMost(WAIT).until(agent::isConnected);
        ConsoleClient console = new ConsoleClient(server).login();
        console.settings(agent.deviceId(), new ShadowSettings(true, false, true));

        ConsoleClient.Reply reply = console.shadow(agent.deviceId(), false);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(asked.get()).isEqualTo(new ConsentPrompt.Request(reply.session().sessionId(), "admin", false));
    }

    @Test
    void agentComesBackOnlineAfterTheServerRestarts() throws IOException {
        startServerAndAgent(xvncAddress(), false);
        int port = server.port();
        String deviceId = agent.deviceId();

        server.close();
        await().atMost(WAIT).until(() -> !agent.isConnected());
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")).withPort(port));

        await().atMost(Duration.ofSeconds(45)).until(agent::isConnected);
        assertThat(server.onlineDevices()).isEqualTo(1);
        assertThat(agent.deviceId()).isEqualTo(deviceId);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String readAscii(InputStream in, int n) throws IOException {
        return new String(new DataInputStream(in).readNBytes(n), StandardCharsets.US_ASCII);
    }
}
