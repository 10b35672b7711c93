package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Reenrollment;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.UmsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server closing a device that reaches it through a real gateway, as it closes a device's own socket: an approved
 * re-enrollment ends the old credential's connection at the gateway, and a message the server refuses (a hello beyond
 * the device's budget, a field past its limit) closes the device's socket at the gateway with the server's sentence,
 * so the agent reconnects instead of staying connected to the gateway and offline at the server.
 */
class ServerClosesGatewayDeviceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    IcgServer gateway;
    UmsServer server;
    ImiClient console;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        gateway = LinkedCluster.gateway(dir, 0);
        server = LinkedCluster.serverLinkedTo(gateway, dir);
        console = LinkedCluster.admin(server);
        http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
    }

    @AfterEach
    void stop() {
        console.closeIdleConnections();
        server.close();
        gateway.close();
    }

    /**
     * A clone of the device's agent, connected through the gateway with the old credential, while the reinstalled
     * device enrolls again: approving the re-enrollment takes the clone offline at once, instead of leaving it online
     * (heartbeats answered by the gateway, shadow requests delivered) until the new credential connects.
     */
    @Test
    void approvingAReenrollmentEndsTheOldCredentialsConnectionThroughTheGateway() throws Exception {
        try (DeviceAgent clone = DeviceAgent.start(AgentConfig.builder(gateway.baseUrl(), gateway.fingerprint(),
                "desk-9", dir.resolve("agent")).vnc(InetSocketAddress.createUnresolved("127.0.0.1", 1))
                .promptUser(false).enrollmentToken("enroll-secret").build())) {
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(console.thinClient(clone.deviceId()).online()));
            String unitId = console.thinClient(clone.deviceId()).unitId();
            HttpResponse<String> again = enroll("desk-9-reinstalled", unitId);
            assertThat(again.statusCode()).as("a known unit's enrollment waits for approval").isEqualTo(202);
            Reenrollment waiting = console.reenrollments().stream()
                    .filter(r -> r.deviceId().equals(clone.deviceId())).findFirst().orElseThrow();

            console.approveReenrollment(waiting.id());

            await().atMost(WAIT).until(() -> !Boolean.TRUE.equals(console.thinClient(clone.deviceId()).online()));
            await().atMost(WAIT).until(() -> !clone.isConnected());
            Enrollment reinstalled = WireJson.read(again.body(), Enrollment.class);
            CompletableFuture<String> closed = new CompletableFuture<>();
            DeviceSession now = DeviceSession.open(http, gateway, reinstalled, closed);
            now.socket().sendText(hello("desk-9-reinstalled", unitId), true).join();
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(console.thinClient(clone.deviceId()).online()));
            now.socket().abort();
        }
    }

    /**
     * The same, watched at the old credential's socket: the gateway closes it with the server's sentence, and the
     * device's entry at the gateway is gone.
     */
    @Test
    void theOldCredentialsSocketIsClosedWithTheServersSentence() throws Exception {
        Enrollment old = WireJson.read(enroll("desk-4", "unit-desk-4").body(), Enrollment.class);
        CompletableFuture<String> closed = new CompletableFuture<>();
        DeviceSession session = DeviceSession.open(http, gateway, old, closed);
        session.socket().sendText(hello("desk-4", "unit-desk-4"), true).join();
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(console.thinClient(old.deviceId()).online()));
        assertThat(enroll("desk-4", "unit-desk-4").statusCode()).isEqualTo(202);
        Reenrollment waiting = console.reenrollments().stream()
                .filter(r -> r.deviceId().equals(old.deviceId())).findFirst().orElseThrow();

        console.approveReenrollment(waiting.id());

        assertThat(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("1000 the device's credential was replaced by an approved re-enrollment");
        await().atMost(WAIT).until(() -> gateway.connectedDevices() == 0);
        assertThat(console.thinClient(old.deviceId()).online()).isNotEqualTo(Boolean.TRUE);
    }

    /**
     * An agent that reconnects thirteen times within a minute: the server refuses the thirteenth hello (12 a minute
     * per device over all its connections; at the gateway each socket has its own 12), and the gateway closes that
     * socket with the server's sentence instead of keeping it, answered heartbeats, while the server has the device
     * offline.
     */
    @Test
    void aHelloBeyondTheDevicesBudgetClosesItsSocketAtTheGatewayWithTheServersSentence() throws Exception {
        Enrollment device = WireJson.read(enroll("flaky", "unit-flaky").body(), Enrollment.class);
        for (int i = 1; i <= 12; i++) {
            DeviceSession session = DeviceSession.open(http, gateway, device, new CompletableFuture<>());
            session.socket().sendText(hello("flaky", "unit-flaky"), true).join();
            await("welcome " + i).atMost(WAIT).until(() -> session.welcomes().get() == 1);
            session.socket().sendClose(WebSocket.NORMAL_CLOSURE, "reconnecting").join();
        }
        CompletableFuture<String> closed = new CompletableFuture<>();
        DeviceSession thirteenth = DeviceSession.open(http, gateway, device, closed);

        thirteenth.socket().sendText(hello("flaky", "unit-flaky"), true).join();

        assertThat(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("1000 too many hello messages; connect again in a minute");
        assertThat(thirteenth.welcomes().get()).isZero();
        await().atMost(WAIT).until(() -> gateway.connectedDevices() == 0);
        assertThat(console.thinClient(device.deviceId()).online()).isNotEqualTo(Boolean.TRUE);
    }

    /**
     * The gateway keeps its devices' sockets while no server is linked and announces them to the next: a server that
     * does not take the credential a device connected with (replaced meanwhile, or a server that never enrolled the
     * device) has the gateway close that socket, so the agent redials and learns at its upgrade, instead of being kept
     * connected to the gateway and offline.
     */
    @Test
    void aDeviceAnnouncedToAServerThatDoesNotTakeItsCredentialHasItsSocketClosed() throws Exception {
        Enrollment device = WireJson.read(enroll("kiosk-2", "unit-kiosk-2").body(), Enrollment.class);
        CompletableFuture<String> closed = new CompletableFuture<>();
        DeviceSession session = DeviceSession.open(http, gateway, device, closed);
        session.socket().sendText(hello("kiosk-2", "unit-kiosk-2"), true).join();
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(console.thinClient(device.deviceId()).online()));
        console.closeIdleConnections();
        server.close();
        await().atMost(WAIT).until(() -> !gateway.serverConnected());

        server = LinkedCluster.serverLinkedTo(gateway, dir.resolve("another"));

        assertThat(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("1000 the device's credential is not valid");
        await().atMost(WAIT).until(() -> gateway.connectedDevices() == 0);
    }

    /** A hello the gateway forwards (it checks no field) but the server refuses closes the socket with its sentence. */
    @Test
    void aHelloWithAFieldPastItsLimitClosesTheSocketAtTheGatewayWithTheServersSentence() throws Exception {
        Enrollment device = WireJson.read(enroll("long", "unit-long").body(), Enrollment.class);
        CompletableFuture<String> closed = new CompletableFuture<>();
        DeviceSession session = DeviceSession.open(http, gateway, device, closed);

        session.socket().sendText(hello("n".repeat(201), "unit-long"), true).join();

        assertThat(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("1000 the device's name is longer than 200 characters");
        assertThat(session.welcomes().get()).isZero();
        await().atMost(WAIT).until(() -> gateway.connectedDevices() == 0);
        assertThat(console.thinClient(device.deviceId()).online()).isNotEqualTo(Boolean.TRUE);
    }

    /**
     * A device id presented at the gateway in another spelling than the server's ({@code 042}, {@code +42}, thousands
     * of leading zeros): the server reads it as the number and took the credential, while the gateway and the server's
     * link through it keyed the socket by the text, so the server's close of device 42 (an approved re-enrollment)
     * never reached it and the clone stayed online. Such an upgrade is refused before the server is asked.
     */
    @Test
    void aDeviceIdInAnotherSpellingThanTheServersIsRefusedAtTheUpgrade() throws Exception {
        Enrollment device = WireJson.read(enroll("desk", "unit-desk").body(), Enrollment.class);
        String id = device.deviceId();

        for (String alias : List.of("0" + id, "+" + id, "0".repeat(3000) + id, " " + id + " ")) {
            Throwable refused = catchThrowable(() -> DeviceUpSocket.open(http, gateway, alias, device.credential(),
                    text -> { }, new CompletableFuture<>()));
            assertThat(refused)
                    .as("the id %s", alias.length() > 20 ? alias.length() + " characters" : '"' + alias + '"')
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
        assertThat(gateway.connectedDevices()).isZero();

        WebSocket canonical = DeviceUpSocket.open(http, gateway, id, device.credential(), text -> { },
                new CompletableFuture<>());
        canonical.sendText(hello("desk", "unit-desk"), true).join();
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(console.thinClient(id).online()));
        canonical.abort();
    }

    private static String hello(String name, String unitId) {
        return new UpMessage.Hello(name, unitId, "00:11", "12", "test", null).toJson();
    }

    private HttpResponse<String> enroll(String name, String unitId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + UpPaths.ENROLL))
                .header("Authorization", "Bearer enroll-secret").POST(HttpRequest.BodyPublishers.ofString(
                        WireJson.write(new EnrollmentRequest(name, unitId, "00:11", "12", null)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A device's socket to the gateway, counting the welcomes it gets; its close completes {@code closed}. */
    private record DeviceSession(WebSocket socket, AtomicInteger welcomes) {
        static DeviceSession open(HttpClient http, IcgServer gateway, Enrollment device,
                                  CompletableFuture<String> closed) throws Exception {
            AtomicInteger welcomes = new AtomicInteger();
            WebSocket socket = DeviceUpSocket.open(http, gateway, device.deviceId(), device.credential(), text -> {
                if (UpMessage.parse(text) instanceof UpMessage.Welcome) {
                    welcomes.incrementAndGet();
                }
            }, closed);
            return new DeviceSession(socket, welcomes);
        }
    }
}
