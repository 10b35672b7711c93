package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpMessage;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's {@code device.close} at the gateway, with the server played by the test: it closes the socket of the
 * device it names with the server's sentence and forgets the device; a close for a device the gateway does not hold,
 * or without a device, changes nothing, and the link goes on.
 */
class DeviceCloseTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    IcgServer gateway;
    HttpClient http;

    @BeforeEach
    void start() throws Exception {
        gateway = IcgServer.start(IcgConfig.forTests(dir.resolve("icg"), LinkedCluster.SECRET));
        http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(gateway.fingerprint()).sslContext()).build();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void theServerClosesOneDevicesSocketAndACloseForADeviceNotHeldChangesNothing() throws Exception {
        try (FakeServerLink server = FakeServerLink.to(gateway)) {
            await().atMost(WAIT).until(gateway::serverConnected);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            CompletableFuture<String> closed = new CompletableFuture<>();
            WebSocket device = DeviceUpSocket.open(http, gateway, "7", "any-credential", received::add, closed);
            device.sendText(new UpMessage.Hello("Kiosk", "unit-kiosk", "00:11", "12", "test", null).toJson(), true)
                    .join();
            assertThat(server.next(GatewayMessage.DeviceUp.class, WAIT)).isNotNull();

            server.send(new GatewayMessage.DeviceClose("8", "not connected here"));
            server.send(new GatewayMessage.DeviceClose(null, null));
            String welcome = new UpMessage.Welcome("7", 20).toJson();
            server.send(new GatewayMessage.DeviceSend("7", welcome));
            assertThat(nextOtherThanHeartbeat(received))
                    .as("device 7 is still connected after closes for no device it holds").isEqualTo(welcome);

            server.send(new GatewayMessage.DeviceClose("7", "too many hello messages; connect again in a minute"));

            assertThat(closed.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("1000 too many hello messages; connect again in a minute");
            assertThat(gateway.connectedDevices()).isZero();
            assertThat(gateway.serverConnected()).isTrue();
        }
    }

    /** The gateway's own heartbeats to a device (while a message of it waits for the server) are skipped. */
    private static String nextOtherThanHeartbeat(BlockingQueue<String> received) throws InterruptedException {
        while (true) {
            String text = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (text == null || !(UpMessage.parse(text) instanceof UpMessage.Heartbeat)) {
                return text;
            }
        }
    }
}
