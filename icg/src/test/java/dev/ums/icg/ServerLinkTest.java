package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.icg.internal.ServerLink;
import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.testkit.log.CapturedLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's link to its server when the server falls behind or goes away, with the server played by the test:
 * a device cannot make the gateway hold what the server has not read yet, nor can a server that stops reading make it
 * hold its own messages without bound, and a tunnel that ends while no server is linked is reported to the next one.
 */
class ServerLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    IcgServer gateway;
    HttpClient http;

    @RegisterExtension
    final CapturedLog linkLog = new CapturedLog(ServerLink.class);

    @BeforeEach
    void start() throws Exception {
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg"), LinkedCluster.SECRET));
        http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /**
     * A server that stops reading, a device that goes on sending messages of 60,000 characters: once the connections'
     * buffers are full the device's sends wait, long before 100 MB; the gateway does not read them into its memory.
     */
    @Test
    void aDeviceSendingFasterThanTheServerReadsIsNotReadAheadOfTheServer() throws Exception {
        try (FakeServerLink server = FakeServerLink.to(gateway)) {
            await().atMost(WAIT).until(gateway::serverConnected);
            WebSocket device = http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization("7", "any-credential"))
                    .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.UP),
                            new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS);
            device.sendText(new UpMessage.Hello("Fast", "unit-fast", "00:11", "12", "test", null).toJson(), true).join();
            assertThat(server.next(GatewayMessage.DeviceUp.class, WAIT)).isNotNull();
            server.stopReading();

            String message = new UpMessage.ShadowResult("s-1", ShadowOutcome.ERROR, "x".repeat(60_000)).toJson();
            long sent = 0;
            try {
                while (sent < 100_000_000) {
                    device.sendText(message, true).get(5, TimeUnit.SECONDS);
                    sent += message.length();
                }
            } catch (TimeoutException held) {
                // the gateway stopped reading the device
            } finally {
                device.abort();
            }
            assertThat(sent).as("bytes the device got rid of while the server read nothing").isLessThan(60_000_000);
        }
    }

    /**
     * A server that stops reading holds back a device's next message, and with it the device's heartbeats: the gateway
     * beats to the device itself meanwhile, so the device's socket outlives its idle limit many times over (and the
     * device, which leaves a silent link, hears from it); once the server reads again the device's messages flow.
     */
    @Test
    void aDeviceHeldBackByAServerThatStoppedReadingStaysConnected() throws Exception {
        gateway.close();
        Duration idleLimit = Duration.ofSeconds(4);
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg"), LinkedCluster.SECRET)
                .withDeviceIdleLimit(idleLimit));
        try (FakeServerLink server = FakeServerLink.to(gateway)) {
            await().atMost(WAIT).until(gateway::serverConnected);
            AtomicInteger heartbeats = new AtomicInteger();
            CompletableFuture<String> closed = new CompletableFuture<>();
            WebSocket device = http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization("7", "any-credential"))
                    .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.UP),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence text, boolean last) {
                                    if (UpMessage.parse(text.toString()) instanceof UpMessage.Heartbeat) {
                                        heartbeats.incrementAndGet();
                                    }
                                    w.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                                    closed.complete(status + " " + reason);
                                    return null;
                                }
                            }).get(20, TimeUnit.SECONDS);
            device.sendText(new UpMessage.Hello("Held", "unit-held", "00:11", "12", "test", null).toJson(), true).join();
            assertThat(server.next(GatewayMessage.DeviceUp.class, WAIT)).isNotNull();
            server.stopReading();
            String message = new UpMessage.ShadowResult("s-1", ShadowOutcome.ERROR, "x".repeat(60_000)).toJson();
            // the beats are counted from the send the gateway holds back (or closed: told below), the 5 s that tell it
            // held among them: every one of them came while the device waited
            CompletableFuture<WebSocket> held = sendUntilHeldBack(device, message, 5, () -> heartbeats.set(0));

            // each beat comes a quarter of the idle limit after the last: twelve span about three idle limits
            await().atMost(Duration.ofSeconds(60)).until(() -> heartbeats.get() >= 12 || closed.isDone());
            assertThat(closed).as("the device's socket while the gateway held it back").isNotDone();

            server.resumeReading();
            held.get(30, TimeUnit.SECONDS);
            device.sendText(new UpMessage.Hello("Held again", "unit-held", "00:11", "12", "test", null).toJson(), true)
                    .get(30, TimeUnit.SECONDS);
            GatewayMessage.DeviceUp up;
            do {
                up = server.next(GatewayMessage.DeviceUp.class, WAIT);
            } while (up != null && !up.message().contains("Held again"));
            assertThat(up).as("the device's message after the server caught up").isNotNull();
            assertThat(closed).isNotDone();
            device.abort();
        }
    }

    /**
     * A server that stopped reading (the connection's buffers full of a device's messages) but goes on sending
     * heartbeats: each answer waits in the gateway, at most {@value ServerLink#UNWRITTEN_LIMIT} of them; the next
     * closes the link with a sentence; the device whose message waited stays connected and is announced to the next
     * server, and the end of a tunnel that waited unwritten on the closed link reaches it.
     */
    @Test
    void aServerThatStopsReadingButGoesOnSendingHasItsLinkClosedOnceTheGatewaysMessagesReachTheLimit()
            throws Exception {
        FakeServerLink first = FakeServerLink.to(gateway);
        WebSocket device = null;
        try {
            await().atMost(WAIT).until(gateway::serverConnected);
            first.send(new GatewayMessage.TunnelRegister("s-5", "console-token", "device-token", 60));
            await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 1);
            WebSocket console = tunnel("s-5", "console-token");
            tunnel("s-5", "device-token");
            device = fillTheLinkWithADevicesMessages(first);
            console.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 0);

            int beats = 0;
            try {
                while (beats < 2 * ServerLink.UNWRITTEN_LIMIT) {
                    first.send(new GatewayMessage.Heartbeat(beats));
                    beats++;
                }
            } catch (CompletionException linkGone) {
                // the gateway dropped the connection: the fake server's next heartbeat could not be sent
            }
            // the sentence is logged only when a message finds the limit's worth already waiting
            await().atMost(WAIT).until(() -> linkLog.events().stream()
                    .anyMatch(e -> e.getFormattedMessage().contains(ServerLink.UNREAD)));
            assertThat(gateway.serverConnected()).isFalse();
        } finally {
            first.close();
        }

        try (FakeServerLink second = FakeServerLink.to(gateway)) {
            // the device's announcement and the held tunnel end, in either order (held ends also go out every 5 s)
            GatewayMessage.DeviceUp announced = null;
            GatewayMessage.TunnelEnded ended = null;
            while (announced == null || ended == null) {
                GatewayMessage m = second.next(GatewayMessage.class, WAIT);
                assertThat(m).as("announced %s, tunnel end %s", announced, ended).isNotNull();
                if (m instanceof GatewayMessage.DeviceUp up) {
                    announced = up;
                } else if (m instanceof GatewayMessage.TunnelEnded end) {
                    ended = end;
                }
            }
            assertThat(announced.deviceId()).as("the device, still connected, told to the next server").isEqualTo("7");
            assertThat(ended.sessionId()).isEqualTo("s-5");
        } finally {
            device.abort();
        }
    }

    /** A server that reads what it is sent keeps its link however many messages the gateway sends it. */
    @Test
    void aServerThatReadsIsNeverClosedForTheMessagesTheGatewaySendsIt() throws Exception {
        try (FakeServerLink server = FakeServerLink.to(gateway)) {
            await().atMost(WAIT).until(gateway::serverConnected);
            int beats = 3 * ServerLink.UNWRITTEN_LIMIT;
            for (int i = 0; i < beats; i++) {
                server.send(new GatewayMessage.Heartbeat(i));
            }
            for (int i = 0; i < beats; i++) {
                assertThat(server.next(GatewayMessage.Heartbeat.class, WAIT)).as("answer %d", i).isNotNull();
            }
            assertThat(gateway.serverConnected()).isTrue();
        }
    }

    /**
     * Links a device, then has it send until the link's buffers are full with its messages (the server does not read
     * from now on): what the gateway sends after waits in its queue.
     */
    private WebSocket fillTheLinkWithADevicesMessages(FakeServerLink server) throws Exception {
        WebSocket device = http.newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization("7", "any-credential"))
                .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.UP),
                        new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS);
        device.sendText(new UpMessage.Hello("Full", "unit-full", "00:11", "12", "test", null).toJson(), true).join();
        assertThat(server.next(GatewayMessage.DeviceUp.class, WAIT)).isNotNull();
        server.stopReading();
        String message = new UpMessage.ShadowResult("s-1", ShadowOutcome.ERROR, "x".repeat(60_000)).toJson();
        sendUntilHeldBack(device, message, 3);
        return device;
    }

    /**
     * Sends {@code message} until a send is not taken within {@code seconds} (the gateway holds the device back, the
     * server reading nothing) or fails; returns that send. Fails the test when 2,000 sends all went through.
     */
    private static CompletableFuture<WebSocket> sendUntilHeldBack(WebSocket device, String message, int seconds)
            throws InterruptedException {
        return sendUntilHeldBack(device, message, seconds, () -> { });
    }

    /** As above, running {@code beforeEachSend} just before each send. */
    private static CompletableFuture<WebSocket> sendUntilHeldBack(WebSocket device, String message, int seconds,
                                                                  Runnable beforeEachSend)
            throws InterruptedException {
        for (int sent = 0; sent < 2_000; sent++) {
            beforeEachSend.run();
            CompletableFuture<WebSocket> pending = device.sendText(message, true);
            try {
                pending.get(seconds, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException heldOrClosed) {
                return pending;
            }
        }
        throw new AssertionError("the gateway took 2,000 messages from the device while the server read nothing");
    }

    @Test
    void aTunnelThatEndsWhileNoServerIsLinkedIsReportedToTheNextServerThatLinks() throws Exception {
        FakeServerLink first = FakeServerLink.to(gateway);
        await().atMost(WAIT).until(gateway::serverConnected);
        first.send(new GatewayMessage.TunnelRegister("s-1", "console-token", "device-token", 60));
        await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 1);
        AtomicInteger consoleReceived = new AtomicInteger();
        WebSocket console = tunnel("s-1", "console-token", new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                consoleReceived.addAndGet(data.remaining());
                w.request(1);
                return null;
            }
        });
        WebSocket device = tunnel("s-1", "device-token");
        device.sendBinary(ByteBuffer.wrap("RFB 003.008\n".getBytes()), true).join();
        await().atMost(WAIT).until(() -> consoleReceived.get() == 12);

        first.close();
        await().atMost(WAIT).until(() -> !gateway.serverConnected());
        console.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 0);

        try (FakeServerLink second = FakeServerLink.to(gateway)) {
            GatewayMessage.TunnelEnded ended = second.next(GatewayMessage.TunnelEnded.class, WAIT);
            assertThat(ended).isEqualTo(new GatewayMessage.TunnelEnded("s-1", true, "the console closed the session",
                    0, 12));
        }
    }

    /**
     * A server that stopped reading, then went away: a tunnel end the gateway had given the link but not yet written
     * (the connection's buffers full of a device's messages) is sent to the next server instead of being lost with
     * the link.
     */
    @Test
    void aTunnelEndStillUnwrittenWhenTheLinkBreaksIsReportedToTheNextServer() throws Exception {
        FakeServerLink first = FakeServerLink.to(gateway);
        await().atMost(WAIT).until(gateway::serverConnected);
        first.send(new GatewayMessage.TunnelRegister("s-3", "console-token", "device-token", 60));
        await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 1);
        WebSocket console = tunnel("s-3", "console-token");
        tunnel("s-3", "device-token");
        WebSocket device = http.newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization("7", "any-credential"))
                .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.UP),
                        new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS);
        device.sendText(new UpMessage.Hello("Full", "unit-full", "00:11", "12", "test", null).toJson(), true).join();
        assertThat(first.next(GatewayMessage.DeviceUp.class, WAIT)).isNotNull();
        first.stopReading();
        String message = new UpMessage.ShadowResult("s-1", ShadowOutcome.ERROR, "x".repeat(60_000)).toJson();
        sendUntilHeldBack(device, message, 3); // the link's buffers are full: what the gateway sends now waits
        console.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 0);

        first.close();
        device.abort();
        await().atMost(WAIT).until(() -> !gateway.serverConnected());
        try (FakeServerLink second = FakeServerLink.to(gateway)) {
            GatewayMessage.TunnelEnded ended = second.next(GatewayMessage.TunnelEnded.class, WAIT);
            assertThat(ended).isNotNull();
            assertThat(ended.sessionId()).isEqualTo("s-3");
        }
    }

    /** The server learns of the tunnels a stopping gateway ends before the link goes, so their audit entries end. */
    @Test
    void aGatewayThatStopsReportsTheEndsOfItsTunnelsBeforeItsLinkCloses() throws Exception {
        try (FakeServerLink server = FakeServerLink.to(gateway)) {
            await().atMost(WAIT).until(gateway::serverConnected);
            server.send(new GatewayMessage.TunnelRegister("s-2", "console-token", "device-token", 60));
            await().atMost(WAIT).until(() -> gateway.relay().activeSessions() == 1);
            tunnel("s-2", "console-token");
            tunnel("s-2", "device-token");
            // a side's upgrade completes at the client before the relay attaches it: paired once the gateway says so
            assertThat(server.next(GatewayMessage.TunnelPaired.class, WAIT)).isNotNull();

            gateway.close();

            GatewayMessage.TunnelEnded ended = server.next(GatewayMessage.TunnelEnded.class, WAIT);
            assertThat(ended).isEqualTo(new GatewayMessage.TunnelEnded("s-2", true, "the gateway is shutting down",
                    0, 0));
        }
    }

    private WebSocket tunnel(String sessionId, String token) throws Exception {
        return tunnel(sessionId, token, new WebSocket.Listener() { });
    }

    private WebSocket tunnel(String sessionId, String token, WebSocket.Listener listener) throws Exception {
        return TunnelSide.open(http, gateway, sessionId, token, listener);
    }
    /**
     * A server node that died without closing its link, and the node that took over linking anew: a device that knocked
     * meanwhile, its credential asked of the dead node, is asked about again on the new link and let in. Before, the
     * question waited out its 10 s on the replaced link and the device got 503.
     */
    @Test
    void aDeviceAskedAboutOnALinkThatANewerOneReplacedIsAskedAgainOnTheNewOne() throws Exception {
        try (FakeServerLink dead = FakeServerLink.answeringNoDevice(gateway)) {
            await().atMost(WAIT).until(gateway::serverConnected);
            CompletableFuture<WebSocket> device = http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization("7", "any-credential"))
                    .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.UP),
                            new WebSocket.Listener() { });
            assertThat(dead.next(GatewayMessage.DeviceAuth.class, WAIT)).as("asked of the dead node").isNotNull();

            try (FakeServerLink next = FakeServerLink.to(gateway)) {
                WebSocket socket = device.get(WAIT.toSeconds(), TimeUnit.SECONDS);

                socket.sendText(new UpMessage.Hello("Late", "unit-late", "00:11", "12", "test", null).toJson(), true)
                        .join();
                assertThat(next.next(GatewayMessage.DeviceUp.class, WAIT)).as("forwarded to the new node").isNotNull();
                socket.abort();
            }
        }
    }
}
