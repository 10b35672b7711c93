package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.RawEnrollment;
import dev.ums.console.core.ImiException.Kind;
import dev.ums.console.gui.ImiSentences;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's OS 11 path against real parts: the server in process (secret facet, password checks over
 * UP), a real OS 11 agent, a real Xvnc, and our embedded VNC engine reading the connection. Also an impostor
 * TLS server with its own certificate where the device should be: the console refuses it before a byte of
 * the password leaves.
 */
class SecureVncConnectorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static UmsServer server;
    static XvncServer xvnc;
    private final List<DeviceAgent> agents = new CopyOnWriteArrayList<>();
    private final List<ShadowStep> steps = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServerAndXvnc() throws IOException {
        xvnc = XvncServer.start(320, 240);
        xvnc.showImage(TestPattern.render(320, 240));
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
    }

    @AfterAll
    static void stopServerAndXvnc() {
        server.close();
        xvnc.close();
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(DeviceAgent::close);
    }

    private DeviceAgent os11Agent(String name, ConsentPrompt prompt) throws IOException {
        DeviceAgent agent = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), name,
                dir.resolve(name)).vnc(InetSocketAddress.createUnresolved(xvnc.host(), xvnc.port()))
                .promptUser(prompt != null).prompt(prompt).enrollmentToken("enroll-secret")
                .os(AgentConfig.OS_11, 0, null).build());
        agents.add(agent);
        await().atMost(WAIT).until(agent::isConnected);
        return agent;
    }

    private ShadowConnection connect(String device, int securePort, boolean viewOnly) throws ImiException {
        ImiClient client = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        return new ShadowConnector(client, securePort).connect(new Credentials("admin", "admin-secret".toCharArray()),
                device, viewOnly, (step, detail) -> steps.add(step));
    }

    @Test
    void theEmbeddedViewerSeesTheDevicesScreenOverSecureVnc() throws Exception {
        DeviceAgent agent = os11Agent("Os11Pixels", null);

        try (ShadowConnection connection = connect("Os11Pixels", agent.securePort().orElseThrow(), false);
             VncSession session = new VncSession(connection.input(), connection.output(),
                     VncSettings.builder().jpegQuality(VncSettings.LOSSLESS).build())) {
            assertThat(connection.session().route()).isEqualTo("os11");
            assertThat(connection.session().tunnelUrl()).isEqualTo("tls://127.0.0.1:" + agent.securePort().orElseThrow());
            session.start();
            assertThat(session.awaitFirstFrame(20, TimeUnit.SECONDS)).as("first frame (error: %s)", session.error())
                    .isTrue();
            int[] expected = xvnc.screenPixels();
            int[] got = session.framebuffer().copyPixels();
            assertThat(got).hasSameSizeAs(expected);
            for (int i = 0; i < got.length; i++) {
                got[i] &= 0xffffff;
            }
            assertThat(got).isEqualTo(expected);
        }
        assertThat(steps).containsExactly(ShadowStep.LOGGING_IN, ShadowStep.FINDING_DEVICE, ShadowStep.ASKING_SERVER,
                ShadowStep.DEVICE_ACCEPTED, ShadowStep.TUNNEL_OPEN);
    }

    @Test
    void anImpostorWithAnotherCertificateIsRefusedAndNeverSeesThePassword() throws Exception {
        os11Agent("Os11Pinned", null);
        try (Impostor impostor = new Impostor()) {
            assertThatThrownBy(() -> connect("Os11Pinned", impostor.port(), false))
                    .isInstanceOfSatisfying(ImiException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE_MISMATCH))
                    .extracting(ImiSentences::of, STRING)
                    .isEqualTo("the device's certificate does not match the one the server holds "
                            + "(127.0.0.1:" + impostor.port() + " presents " + impostor.identity.fingerprint() + ")");
            assertThat(impostor.received().get(20, TimeUnit.SECONDS)).as("bytes the impostor received").isZero();
        }
    }

    /**
     * A stand-in with the device's own identity (read from the agent's data directory) records the console's
     * bytes: exactly {@code PROCYCMD PW_} and the UUID, no line ending, nothing before the greeting.
     */
    @Test
    void theConsoleSendsExactlyTheDocumentedCommand() throws Exception {
        os11Agent("Os11Bytes", null);
        SelfSignedIdentity deviceIdentity = SelfSignedIdentity.loadOrCreate(dir.resolve("Os11Bytes"), "Os11Bytes");
        try (Impostor standIn = new Impostor(deviceIdentity, "RFB 003.008\n")) {
            ShadowConnection connection = connect("Os11Bytes", standIn.port(), false);
            assertThat(connection.input().readNBytes(12)).asString(StandardCharsets.US_ASCII).isEqualTo("RFB 003.008\n");
            connection.close();

            String sent = new String(standIn.bytes().get(20, TimeUnit.SECONDS), StandardCharsets.US_ASCII);
            assertThat(sent).matches("PROCYCMD PW_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }

    @Test
    void aDeviceThatClosesIsReportedAsRefusingThePassword() throws Exception {
        DeviceAgent agent = os11Agent("Os11Grumpy", request -> ConsentPrompt.Answer.deny("declined in the test"));

        assertThatThrownBy(() -> connect("Os11Grumpy", agent.securePort().orElseThrow(), false))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .extracting(ImiSentences::of, STRING).startsWith("the device refused the session password");
    }

    @Test
    void anUnreachableDeviceIsNamedWithTheAddressTried() throws Exception {
        os11Agent("Os11Away", null);
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }

        assertThatThrownBy(() -> connect("Os11Away", closed, false))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("cannot connect to the device at 127.0.0.1:" + closed + " (connection refused)");
    }

    @Test
    void aDeviceThatNeverSentACertificateIsExplained() throws Exception {
        enrollWithoutCertificate("Os11NoCert");

        assertThatThrownBy(() -> connect("Os11NoCert", 5900, false))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the server holds no certificate for this device; it never sent one");
    }

    @Test
    void viewOnlyIsRefusedBecauseTheHandshakeCannotCarryIt() throws Exception {
        DeviceAgent agent = os11Agent("Os11Watch", null);

        assertThatThrownBy(() -> connect("Os11Watch", agent.securePort().orElseThrow(), true))
                .extracting(ImiSentences::of, STRING)
                .startsWith("a view-only session is not possible with an OS 11 device");
    }

    private static void enrollWithoutCertificate(String name) throws Exception {
        HttpResponse<String> response = RawEnrollment.send(server,
                new EnrollmentRequest(name, "unit-" + name, "02AA00000001", "11", null));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /**
     * A TLS server with a given identity (by default one of its own) that records the application bytes a
     * client sends it; with a greeting, it answers that once the command (48 bytes) is in.
     */
    private static final class Impostor implements AutoCloseable {
        private static final int COMMAND_LENGTH = 12 + 36;
        final SelfSignedIdentity identity;
        private final String greeting;
        private final SSLServerSocket socket;
        private final CompletableFuture<byte[]> received = new CompletableFuture<>();

        Impostor() throws Exception {
            this(SelfSignedIdentity.create("impostor"), null);
        }

        Impostor(SelfSignedIdentity identity, String greeting) throws Exception {
            this.identity = identity;
            this.greeting = greeting;
            socket = (SSLServerSocket) identity.serverContext().getServerSocketFactory().createServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serveOne, "impostor");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        CompletableFuture<Long> received() {
            return received.thenApply(bytes -> (long) bytes.length);
        }

        CompletableFuture<byte[]> bytes() {
            return received;
        }

        private void serveOne() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try (SSLSocket client = (SSLSocket) socket.accept()) {
                client.setSoTimeout(15_000);
                InputStream in = client.getInputStream();
                if (greeting != null) {
                    all.write(in.readNBytes(COMMAND_LENGTH));
                    client.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                }
                byte[] buffer = new byte[256];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    all.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // the console aborted the handshake or closed: nothing more will come
            }
            received.complete(all.toByteArray());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
