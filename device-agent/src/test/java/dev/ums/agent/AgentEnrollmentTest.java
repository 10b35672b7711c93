package dev.ums.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ums.agent.internal.up.CredentialStore;
import dev.ums.agent.internal.up.DeviceIdentity;
import dev.ums.agent.internal.up.EnrollmentClient;
import dev.ums.agent.internal.up.UpstreamUrl;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.io.OwnerOnlyDirectory;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.testkit.log.CapturedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** First start enrolls with the token; later starts use the stored credential only. */
class AgentEnrollmentTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedLog ownerOnlyLog = new CapturedLog(OwnerOnlyDirectory.class);
    private UmsServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private AgentConfig config(String token) {
        return AgentConfig.builder(server.baseUrl(), server.fingerprint(), "enroll-test", dir.resolve("agent"))
                .enrollmentToken(token).build();
    }

    @Test
    void laterStartsUseTheStoredCredentialWithoutAToken() throws IOException {
        String firstId;
        try (DeviceAgent first = DeviceAgent.start(config("enroll-secret"))) {
            firstId = first.deviceId();
        }

        try (DeviceAgent again = DeviceAgent.start(config(null))) {
            await().atMost(Duration.ofSeconds(20)).until(again::isConnected);
            assertThat(again.deviceId()).isEqualTo(firstId);
        }
    }

    @Test
    void aReinstalledDeviceConnectsOnceAnAdministratorApprovesAndTheOldCredentialStops() throws IOException {
        Path installed = dir.resolve("agent");
        Path reinstalled = dir.resolve("reinstalled");
        try (DeviceAgent first = DeviceAgent.start(config("enroll-secret"))) {
            await().atMost(Duration.ofSeconds(20)).until(first::isConnected);
            Files.createDirectories(reinstalled);
            Files.copy(installed.resolve("identity.properties"), reinstalled.resolve("identity.properties"));
            AgentConfig again = AgentConfig.builder(server.baseUrl(), server.fingerprint(), "enroll-test", reinstalled)
                    .enrollmentToken("enroll-secret").build();
            try (DeviceAgent second = DeviceAgent.start(again)) {
                assertThat(second.deviceId()).isEqualTo(first.deviceId());
                ConsoleClient console = new ConsoleClient(server).login();
                JsonNode pending = WireJson.read(console.get("/umsapi/v3/reenrollments").body(), JsonNode.class);
                assertThat(pending).hasSize(1);
                assertThat(second.isConnected()).isFalse();
                assertThat(first.isConnected()).isTrue();

                assertThat(console.post("/umsapi/v3/reenrollments/" + pending.get(0).get("id").asText() + "/approve")
                        .status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(second::isConnected);
                await().atMost(Duration.ofSeconds(10)).until(() -> !first.isConnected());
            }
        }
    }

    @Test
    void anEnrollmentWhoseAnswerWasLostIsRepeatedAtTheNextStartWithTheSameSingleUseToken() throws IOException {
        ConsoleClient console = new ConsoleClient(server).login();
        String single = WireJson.read(console.post("/umsapi/v3/enrollmenttokens").body(), JsonNode.class)
                .get("token").asText();
        // the agent's first attempt as it goes on the wire, whose answer never comes back to the agent
        CredentialStore store = new CredentialStore(dir.resolve("agent"));
        DeviceIdentity identity = store.identity();
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(server.fingerprint()).sslContext()).build();
        String lostId = new EnrollmentClient(http, UpstreamUrl.parse(server.baseUrl())).enroll(single,
                new EnrollmentRequest("enroll-test", identity.unitId(), identity.mac(), "12", null,
                        store.enrollmentKey())).enrollment().deviceId();

        try (DeviceAgent agent = DeviceAgent.start(config(single))) {
            assertThat(agent.deviceId()).isEqualTo(lostId);
            await().atMost(Duration.ofSeconds(20)).until(agent::isConnected);
        }
        assertThat(console.get("/umsapi/v3/reenrollments").body()).isEqualTo("[]");
    }

    /**
     * The data directory holds the credential, the enrollment key and the OS 11 device's TLS key: one made by hand or
     * left open (755, files 644) is closed at the next start, as the server closes its own, and one warning line says
     * what was changed.
     */
    @Test
    void aDataDirectoryLeftOpenIsClosedWithItsSecretsAtTheNextStart() throws IOException {
        Path agentDir = dir.resolve("agent");
        AgentConfig os11 = config("enroll-secret").toBuilder()
                .os(AgentConfig.OS_11, 0, InetAddress.getLoopbackAddress()).build();
        try (DeviceAgent first = DeviceAgent.start(os11)) {
            assertThat(first.deviceId()).isNotBlank();
        }
        assertOwnerOnly(agentDir);
        Files.setPosixFilePermissions(agentDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path file : files(agentDir)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }

        try (DeviceAgent again = DeviceAgent.start(os11.toBuilder().enrollmentToken(null).build())) {
            assertOwnerOnly(agentDir);
            assertThat(ownerOnlyLog.events()).extracting(ILoggingEvent::getFormattedMessage).singleElement()
                    .asString().startsWith("the data directory " + agentDir + " holds secrets and was not owner-only")
                    .contains("the directory was rwxr-xr-x", "credential.properties was rw-r--r--",
                            "identity.p12 was rw-r--r--");
        }
    }

    private static void assertOwnerOnly(Path agentDir) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir))).isEqualTo("rwx------");
        List<Path> files = files(agentDir);
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("identity.properties",
                "credential.properties", "identity.p12", "identity.password");
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                    .isEqualTo("rw-------");
        }
    }

    private static List<Path> files(Path agentDir) throws IOException {
        try (Stream<Path> list = Files.list(agentDir)) {
            return list.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void noTokenAndNoCredentialIsOneClearSentence() {
        assertThatThrownBy(() -> DeviceAgent.start(config(null)))
                .isInstanceOf(IOException.class)
                .hasMessage("this device is not enrolled yet: set UMS_ENROLLMENT_TOKEN to an enrollment token from"
                        + " the server for the first start");
    }

    @Test
    void wrongTokenIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> DeviceAgent.start(config("wrong")))
                .isInstanceOf(IOException.class)
                .hasMessage("the server refused the enrollment token (the enrollment token is missing, unknown, used up, expired or revoked)");
        assertThat(dir.resolve("agent").resolve("credential.properties")).doesNotExist();
    }

    @Test
    void wrongPinFailsEnrollmentWithoutTalkingToTheServer() {
        AgentConfig wrongPin = AgentConfig.builder(server.baseUrl(), "ab".repeat(32), "enroll-test", dir.resolve("agent"))
                .enrollmentToken("enroll-secret").build();

        assertThatThrownBy(() -> DeviceAgent.start(wrongPin))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not match the pinned fingerprint");
    }
}
