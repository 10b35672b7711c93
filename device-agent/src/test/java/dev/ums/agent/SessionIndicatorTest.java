package dev.ums.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.internal.indicator.IndicatorWindow;
import dev.ums.protocol.imi.IndicatorPosition;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The indicator the person at the device sees, on a real Xvnc display that is also the shadowed screen: its text
 * and place, and its Disconnect button (clicked with xdotool) ending the session with the typed reason.
 */
class SessionIndicatorTest extends AgentOnServerFixture {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void startXvnc() {
        xvnc = XvncServer.start(800, 600);
    }

    private ConsoleClient start(ShadowSettings settings) throws IOException {
        return start(settings, AgentConfig.OS_12);
    }

    private ConsoleClient start(ShadowSettings settings, String os) throws IOException {
        return start(settings, os, SessionIndicator.onDisplay(xvnc.display()));
    }

    private ConsoleClient start(ShadowSettings settings, String os, SessionIndicator indicator) throws IOException {
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        agent = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), "indicator-test",
                        dir.resolve("agent"))
                .vnc(InetSocketAddress.createUnresolved(xvnc.host(), xvnc.port())).promptUser(false)
                .prompt(request -> ConsentPrompt.Answer.deny("no prompt expected in this test"))
                .os(os, 0, null).enrollmentToken("enroll-secret")
                .indicator(indicator).build());
        await().atMost(WAIT).until(agent::isConnected);
        ConsoleClient console = new ConsoleClient(server).login();
        console.settings(agent.deviceId(), settings);
        return console;
    }

    @Test
    @Timeout(90)
    void disconnectOnTheIndicatorEndsTheSessionWithTheUsersReason() throws Exception {
        ConsoleClient console = start(new ShadowSettings(true, false, true, true, IndicatorPosition.BOTTOM_LEFT));

        try (WebSocketEndpoint tunnel = console.tunnel(console.shadow(agent.deviceId(), true).session())) {
            RfbProbe rfb = new RfbProbe(tunnel.input(), tunnel.output()).handshake();
            String window = indicatorWindow();

            assertThat(windowName(window)).startsWith(IndicatorWindow.TITLE + ": admin is watching this screen (view only) since ");
            assertThat(geometry(window)).contains("Position: " + IndicatorWindow.MARGIN + ","
                    + (600 - IndicatorWindow.HEIGHT - IndicatorWindow.MARGIN))
                    .contains("Geometry: " + IndicatorWindow.WIDTH + "x" + IndicatorWindow.HEIGHT);
            xvnc.runClient("xdotool", "mousemove", "--window", window,
                    Integer.toString(IndicatorWindow.WIDTH - IndicatorWindow.BUTTON_WIDTH / 2),
                    Integer.toString(IndicatorWindow.HEIGHT / 2), "click", "1");

            assertThat(rfb.readUntilEnd()).isGreaterThanOrEqualTo(0);
            assertThat(tunnel.endedWith()).contains(SessionEnd.USER_DISCONNECTED);
        }
        await().atMost(WAIT).until(() -> visibleIndicators().isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(console.get(
                "/umsapi/v3/thinclients/" + agent.deviceId() + "/shadowlog").body())
                .contains("the user at the device ended the session"));
    }

    @Test
    @Timeout(90)
    void withoutUserDisconnectTheIndicatorHasNoButtonAndGoesWithTheSession() throws Exception {
        ConsoleClient console = start(new ShadowSettings(true, false, true, false, IndicatorPosition.TOP_CENTER));

        try (WebSocketEndpoint tunnel = console.tunnel(console.shadow(agent.deviceId(), false).session())) {
            RfbProbe rfb = new RfbProbe(tunnel.input(), tunnel.output()).handshake();
            String window = indicatorWindow();

            assertThat(windowName(window)).contains("admin is watching and can control this screen since ");
            assertThat(geometry(window)).contains("Position: " + (800 - IndicatorWindow.WIDTH) / 2 + "," + IndicatorWindow.MARGIN);
            // Where Disconnect would be: nothing happens, the session stays.
            xvnc.runClient("xdotool", "mousemove", "--window", window,
                    Integer.toString(IndicatorWindow.WIDTH - IndicatorWindow.BUTTON_WIDTH / 2),
                    Integer.toString(IndicatorWindow.HEIGHT / 2), "click", "1");
            rfb.roundTrip();
        }
        await().atMost(WAIT).until(() -> visibleIndicators().isEmpty());
    }

    @Test
    @Timeout(90)
    void anOs11ConsoleStraightOnTheSecurePortSeesTheIndicatorAndCanBeDisconnected() throws Exception {
        ConsoleClient console = start(new ShadowSettings(true, false, false, true, IndicatorPosition.TOP_RIGHT),
                AgentConfig.OS_11);
        ThinClient device = console.withShadowSecret(agent.deviceId());

        try (SSLSocket socket = SecureVncHandshakeTest.openTls(device, agent)) {
            byte[] greeting = SecureVncHandshakeTest.sendPassword(socket,
                    "PROCYCMD PW_" + device.shadowSecret().password());
            RfbProbe rfb = new RfbProbe(new SequenceInputStream(new ByteArrayInputStream(greeting),
                    socket.getInputStream()), socket.getOutputStream()).handshake();
            String window = indicatorWindow();

            assertThat(windowName(window)).startsWith(IndicatorWindow.TITLE
                    + ": admin is watching this screen (view only) since ");
            assertThat(geometry(window)).contains("Position: " + (800 - IndicatorWindow.WIDTH - IndicatorWindow.MARGIN)
                    + "," + IndicatorWindow.MARGIN);
            xvnc.runClient("xdotool", "mousemove", "--window", window,
                    Integer.toString(IndicatorWindow.WIDTH - IndicatorWindow.BUTTON_WIDTH / 2),
                    Integer.toString(IndicatorWindow.HEIGHT / 2), "click", "1");

            assertThat(rfb.readUntilEnd()).isGreaterThanOrEqualTo(0);
        }
        await().atMost(WAIT).until(() -> visibleIndicators().isEmpty());
    }

    @Test
    @Timeout(90)
    void closingTheAgentClosesTheIndicatorsItShowsBeforeItReturns() throws Exception {
        List<String> closed = new CopyOnWriteArrayList<>();
        SessionIndicator onScreen = SessionIndicator.onDisplay(xvnc.display());
        ConsoleClient console = start(new ShadowSettings(true, false, true, true, IndicatorPosition.TOP_LEFT),
                AgentConfig.OS_12, (request, onDisconnect) -> {
                    SessionIndicator.Shown shown = onScreen.show(request, onDisconnect);
                    return () -> {
                        shown.close();
                        closed.add(request.sessionId());
                    };
                });
        ShadowSession session = console.shadow(agent.deviceId(), true).session();

        try (WebSocketEndpoint tunnel = console.tunnel(session)) {
            new RfbProbe(tunnel.input(), tunnel.output()).handshake();
            indicatorWindow();

            agent.close();

            assertThat(closed).containsExactly(session.sessionId());
            agent = null;
        }
        await().atMost(WAIT).until(() -> visibleIndicators().isEmpty());
    }

    private static String indicatorWindow() throws IOException {
        String ids = new String(xvnc.runClient("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                "--name", IndicatorWindow.TITLE), StandardCharsets.US_ASCII).trim();
        assertThat(ids).as("the indicator on " + xvnc.display()).isNotEmpty();
        return ids.split("\\s+")[0];
    }

    private static String visibleIndicators() throws IOException {
        // xdotool exits 1 when it finds nothing, which is the answer wanted here.
        return new String(xvnc.runClient("sh", "-c", "xdotool search --onlyvisible --name '" + IndicatorWindow.TITLE
                + "' || true"), StandardCharsets.US_ASCII).trim();
    }

    private static String windowName(String window) throws IOException {
        return new String(xvnc.runClient("xdotool", "getwindowname", window), StandardCharsets.UTF_8).trim();
    }

    private static String geometry(String window) throws IOException {
        return new String(xvnc.runClient("xdotool", "getwindowgeometry", window), StandardCharsets.US_ASCII);
    }
}
