package dev.ums.agent.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.agent.ConsentPrompt;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refusals a device can answer with, below the network: each one reported once, with its reason. */
class ShadowSessionTest {
    private static final ShadowSettings LOCAL = new ShadowSettings(true, false, true);
    private final List<UpMessage> sent = new CopyOnWriteArrayList<>();
    private final List<ConsentPrompt.Request> asked = new CopyOnWriteArrayList<>();
    private ServerSocket vnc;

    @AfterEach
    void closeVnc() throws IOException {
        if (vnc != null) {
            vnc.close();
        }
    }

    @Test
    void serverSettingThatForbidsShadowingIsNotAllowed() throws IOException {
        run(open(new ShadowSettings(false, false, true)), LOCAL, listeningVnc(), accept());

        assertThat(result().outcome()).isEqualTo(ShadowOutcome.NOT_ALLOWED);
        assertThat(asked).isEmpty();
    }

    @Test
    void localPromptAppliesEvenWhenTheServerSaysNoPrompt() throws IOException {
        run(open(new ShadowSettings(true, false, true)), new ShadowSettings(true, true, true), listeningVnc(),
                request -> {
                    asked.add(request);
                    return ConsentPrompt.Answer.deny("the user declined");
                });

        assertThat(asked).containsExactly(new ConsentPrompt.Request("s1", "admin", false));
        assertThat(result()).isEqualTo(new UpMessage.ShadowResult("s1", ShadowOutcome.DECLINED, "the user declined"));
    }

    @Test
    void refusedVncConnectionIsNoVncServerWithTheAddress() throws IOException {
        int port = closedPort();

        run(open(LOCAL), LOCAL, InetSocketAddress.createUnresolved("127.0.0.1", port), accept());

        assertThat(result().outcome()).isEqualTo(ShadowOutcome.NO_VNC_SERVER);
        assertThat(result().message()).isEqualTo("no VNC server at 127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void unreachableTunnelIsTunnelFailed() throws IOException {
        int port = closedPort();
        UpMessage.ShadowOpen open = new UpMessage.ShadowOpen("s1", "wss://127.0.0.1:" + port + "/shadow/tunnel/s1", "t",
                null, "admin", false, LOCAL);

        run(open, LOCAL, listeningVnc(), accept());

        assertThat(result().outcome()).isEqualTo(ShadowOutcome.TUNNEL_FAILED);
        assertThat(result().message()).contains("127.0.0.1:" + port).contains("connection refused");
    }

    @Test
    void aTunnelThatIsNotTlsIsRefusedWithoutConnecting() throws IOException {
        try (ServerSocketChannel plain = ServerSocketChannel.open()) {
            plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            plain.configureBlocking(false);
            String url = "ws://127.0.0.1:" + plain.socket().getLocalPort() + "/shadow/tunnel/s1";

            run(new UpMessage.ShadowOpen("s1", url, "t", null, "admin", false, LOCAL), LOCAL, listeningVnc(), accept());

            assertThat(result()).isEqualTo(new UpMessage.ShadowResult("s1", ShadowOutcome.TUNNEL_FAILED,
                    "the server named a tunnel that is not TLS-protected, so the device did not open it: " + url));
            // A connection made while the session ran would be waiting here: connect() returns after the handshake.
            assertThat(plain.accept()).as("a connection to the plain tunnel address").isNull();
            assertThat(asked).as("the user asked about a session that cannot run").isEmpty();
        }
    }

    private void run(UpMessage.ShadowOpen open, ShadowSettings local, InetSocketAddress vncAddress, ConsentPrompt prompt) {
        ShadowSession session = new ShadowSession(open, local, vncAddress, prompt,
                new TunnelOpener("00".repeat(32)), sent::add);
        assertThat(session.start()).isEmpty();
    }

    private UpMessage.ShadowResult result() {
        assertThat(sent).hasSize(1);
        return (UpMessage.ShadowResult) sent.get(0);
    }

    private static UpMessage.ShadowOpen open(ShadowSettings settings) {
        return new UpMessage.ShadowOpen("s1", "wss://127.0.0.1:1/shadow/tunnel/s1", "token", null, "admin", false, settings);
    }

    private InetSocketAddress listeningVnc() throws IOException {
        vnc = new ServerSocket(0);
        return InetSocketAddress.createUnresolved("127.0.0.1", vnc.getLocalPort());
    }

    private ConsentPrompt accept() {
        return request -> {
            asked.add(request);
            return ConsentPrompt.Answer.accept();
        };
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
