package dev.ums.agent.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An OS 11 device's refusals of {@code shadow.open}, below the network: each reported once with its reason,
 * and no connection to the secure port left open. (The accepted path runs through a real gateway in the icg
 * module's {@code GatewaySecureVncTest}.)
 */
class SecureTunnelSessionTest {
    private static final ShadowSettings LOCAL = new ShadowSettings(true, true, true);
    private final List<UpMessage> sent = new CopyOnWriteArrayList<>();
    private ServerSocket secure;
    private final TunnelledConnections tunnelled = new TunnelledConnections();

    @AfterEach
    void closeSecurePort() throws IOException {
        if (secure != null) {
            secure.close();
        }
    }

    @Test
    void serverSettingThatForbidsShadowingIsNotAllowed() throws IOException {
        run(open(new ShadowSettings(false, false, true), "wss://127.0.0.1:1/shadow/tunnel/s1"), listeningSecurePort());

        assertThat(result().outcome()).isEqualTo(ShadowOutcome.NOT_ALLOWED);
    }

    @Test
    void aSecurePortThatDoesNotAnswerIsAnErrorNamingThePort() throws IOException {
        int port = closedPort();

        run(open(LOCAL, "wss://127.0.0.1:1/shadow/tunnel/s1"), port);

        assertThat(result().outcome()).isEqualTo(ShadowOutcome.ERROR);
        assertThat(result().message()).startsWith("the device's secure VNC port " + port + " does not answer");
    }

    @Test
    void anUnreachableTunnelIsTunnelFailedAndTheSecureConnectionIsClosed() throws IOException {
        int tunnelPort = closedPort();
        int securePort = listeningSecurePort();

        run(open(LOCAL, "wss://127.0.0.1:" + tunnelPort + "/shadow/tunnel/s1"), securePort);

        assertThat(result().outcome()).isEqualTo(ShadowOutcome.TUNNEL_FAILED);
        assertThat(result().message()).contains("127.0.0.1:" + tunnelPort).contains("connection refused");
        secure.setSoTimeout(5000);
        try (Socket accepted = secure.accept()) {
            accepted.setSoTimeout(5000);
            assertThat(accepted.getInputStream().read()).as("the agent closed its side").isEqualTo(-1);
            assertThat(tunnelled.isTunnelled(accepted)).as("the failed session's connection is forgotten").isFalse();
        }
    }

    private void run(UpMessage.ShadowOpen open, int securePort) {
        SecureTunnelSession session = new SecureTunnelSession(open, LOCAL, securePort,
                new TunnelOpener("00".repeat(32)), sent::add, tunnelled);
        assertThat(session.start()).isEmpty();
    }

    private UpMessage.ShadowResult result() {
        assertThat(sent).hasSize(1);
        return (UpMessage.ShadowResult) sent.get(0);
    }

    private static UpMessage.ShadowOpen open(ShadowSettings settings, String tunnelUrl) {
        return new UpMessage.ShadowOpen("s1", tunnelUrl, "token", null, "admin", false, settings);
    }

    private int listeningSecurePort() throws IOException {
        secure = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return secure.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
