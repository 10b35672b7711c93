package dev.ums.icg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.ums.console.core.ImiClient;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.UmsServer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device id presented at the gateway in another spelling than the server's ({@code 042}, {@code +42}, thousands of
 * leading zeros): the server reads it as the number and took the credential, while the gateway and the server's link
 * through it keyed the socket by the text, so the server's close of device 42 (an approved re-enrollment) never
 * reached it and the clone stayed online. Such an upgrade is refused before the server is asked.
 */
class DeviceIdSpellingTest {
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

    @Test
    void aDeviceIdInAnotherSpellingThanTheServersIsRefusedAtTheUpgrade() throws Exception {
        Enrollment device = WireJson.read(enroll().body(), Enrollment.class);
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
        canonical.sendText(new UpMessage.Hello("desk", "unit-desk", "00:11", "12", "test", null).toJson(), true).join();
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(console.thinClient(id).online()));
        canonical.abort();
    }

    private HttpResponse<String> enroll() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + UpPaths.ENROLL))
                .header("Authorization", "Bearer enroll-secret").POST(HttpRequest.BodyPublishers.ofString(
                        WireJson.write(new EnrollmentRequest("desk", "unit-desk", "00:11", "12", null)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
