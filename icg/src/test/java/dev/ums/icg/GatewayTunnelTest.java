package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.icg.internal.ServerLinkSocket;
import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.relay.TunnelRelay;
import dev.ums.testkit.log.CapturedLog;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tunnels at the gateway, over real TLS, with the server played by the test. */
class GatewayTunnelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    IcgServer gateway;
    HttpClient http;
    FakeServerLink server;

    @RegisterExtension
    final CapturedLog relayLog = new CapturedLog(TunnelRelay.class);
    @RegisterExtension
    final CapturedLog linkLog = new CapturedLog(ServerLinkSocket.class);

    @BeforeEach
    void start() throws Exception {
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg"), LinkedCluster.SECRET));
        http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
        server = FakeServerLink.to(gateway);
        await().atMost(WAIT).until(gateway::serverConnected);
    }

    @AfterEach
    void stop() {
        server.close();
        gateway.close();
    }

    /**
     * The device side's close reason is the session's end: the console is shown it, the log and the server's audit
     * write it. Line breaks in it would let a device write lines of its own into the log; they arrive replaced.
     */
    @Test
    void aDevicesCloseReasonCannotForgeLogLines() throws Exception {
        server.send(new GatewayMessage.TunnelRegister("s-1", "console-token", "device-token", 60));
        await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 1);
        CompletableFuture<String> consoleClosed = new CompletableFuture<>();
        tunnel("s-1", "console-token", consoleClosed);
        WebSocket device = tunnel("s-1", "device-token", new CompletableFuture<>());

        device.sendClose(WebSocket.NORMAL_CLOSURE, "bye\r\n12:00:00.000 ERROR [main] UmsServer: forged").join();

        String shown = "bye??12:00:00.000 ERROR [main] UmsServer: forged";
        assertThat(consoleClosed.get(20, TimeUnit.SECONDS)).isEqualTo("1000 " + shown);
        assertThat(server.next(GatewayMessage.TunnelEnded.class, WAIT).reason()).isEqualTo(shown);
        assertThat(relayLog.events()).extracting(e -> e.getFormattedMessage())
                .anyMatch(line -> line.contains(shown))
                .noneMatch(line -> line.contains("\n") || line.contains("\r"));
    }

    /**
     * The server link registers a session that is live once more, with tokens of its own: the registration is refused
     * with a line, its tokens let nobody in, and the live session goes on and its end reaches the server's audit.
     */
    @Test
    void aSecondRegistrationOfALiveTunnelIsRefusedAndTheLiveOneGoesOn() throws Exception {
        server.send(new GatewayMessage.TunnelRegister("s-2", "console-token", "device-token", 60));
        await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 1);
        CompletableFuture<String> consoleClosed = new CompletableFuture<>();
        CompletableFuture<String> consoleReceived = new CompletableFuture<>();
        tunnel("s-2", "console-token", consoleClosed, consoleReceived);
        WebSocket device = tunnel("s-2", "device-token", new CompletableFuture<>());
        assertThat(server.next(GatewayMessage.TunnelPaired.class, WAIT)).isNotNull();

        server.send(new GatewayMessage.TunnelRegister("s-2", "second-console-token", "second-device-token", 60));
        // the link's messages are handled in order: the heartbeat's answer comes after the registration was handled
        server.send(new GatewayMessage.Heartbeat(1));
        assertThat(server.next(GatewayMessage.Heartbeat.class, WAIT)).isNotNull();

        assertThatThrownBy(() -> tunnel("s-2", "second-console-token", new CompletableFuture<>()))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .extracting(e -> ((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401);
        assertThat(linkLog.events()).extracting(e -> e.getFormattedMessage())
                .contains("the server registered tunnel s-2 again while it is open; the live session goes on and the "
                        + "new registration's tokens are refused");
        assertThat(gateway.relay().activeSessions()).isOne();
        device.sendBinary(ByteBuffer.wrap("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII)), true).join();
        assertThat(consoleReceived.get(20, TimeUnit.SECONDS)).isEqualTo("RFB 003.008\n");
        device.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        assertThat(consoleClosed.get(20, TimeUnit.SECONDS)).isEqualTo("1000 done");
        assertThat(server.next(GatewayMessage.TunnelEnded.class, WAIT))
                .isEqualTo(new GatewayMessage.TunnelEnded("s-2", true, "done", 0, 12));
    }

    private WebSocket tunnel(String sessionId, String token, CompletableFuture<String> closed) throws Exception {
        return tunnel(sessionId, token, closed, new CompletableFuture<>());
    }

    /** A tunnel side; {@code received} completes with the first binary frame's bytes as text. */
    private WebSocket tunnel(String sessionId, String token, CompletableFuture<String> closed,
                             CompletableFuture<String> received) throws Exception {
        return TunnelSide.open(http, gateway, sessionId, token, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                received.complete(StandardCharsets.US_ASCII.decode(data).toString());
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(status + " " + reason);
                return null;
            }
        });
    }
}
