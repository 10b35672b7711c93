package dev.ums.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.ums.console.core.Credentials;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ImiException;
import dev.ums.console.core.ImiException.Kind;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.console.core.ShadowStep;
import dev.ums.console.fakes.GreetingEchoServer;
import dev.ums.console.gui.ImiSentences;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.device.DeviceServer;
import dev.ums.testkit.device.FakeDevice;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session core and the local proxy against the real server (in process), with scripted devices: the
 * whole console-side path, and every refusal arriving as the server's one sentence.
 */
class LocalProxyTest {
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "admin-secret";

    @TempDir
    static Path dataDir;
    static UmsServer server;
    static GreetingEchoServer vnc;
    static List<FakeDevice> devices = new CopyOnWriteArrayList<>();
    static FakeDevice brief;

    @BeforeAll
    static void startServerAndDevices() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(dataDir));
        vnc = new GreetingEchoServer();
        device("Curry").vncAt(vnc.address()).connect();
        device("Grumpy").answering(ShadowOutcome.DECLINED).connect();
        device("Headless").answering(ShadowOutcome.NO_VNC_SERVER).connect();
        device("Sleepy");
        brief = device("Brief").vncAt(vnc.address()).connect();
        FakeDevice locked = device("Locked").vncAt(vnc.address()).connect();
        ImiClient admin = client();
        admin.login(ADMIN, PASSWORD.toCharArray());
        admin.updateShadowSettings(locked.id(), new ShadowSettings(false, false, true));
    }

    @AfterAll
    static void stopAll() throws Exception {
        devices.forEach(FakeDevice::close);
        if (vnc != null) {
            vnc.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static FakeDevice device(String name) throws Exception {
        FakeDevice device = FakeDevice.enroll(DeviceServer.pinned(server.baseUrl(), server.fingerprint()),
                "enroll-secret", name);
        devices.add(device);
        return device;
    }

    private static ImiClient client() {
        return ImiClient.create(new ServerAddress("127.0.0.1", server.port()), server.fingerprint());
    }

    private static ShadowConnection connect(String device) throws ImiException {
        return new ShadowConnector(client()).connect(new Credentials(ADMIN, PASSWORD.toCharArray()), device, false,
                (step, detail) -> { });
    }

    @Test
    void aViewerOnTheLocalPortTalksToTheDevicesVncServerBothWays() throws Exception {
        List<ShadowStep> steps = new CopyOnWriteArrayList<>();
        ShadowConnection connection = new ShadowConnector(client()).connect(
                new Credentials(ADMIN, PASSWORD.toCharArray()), "curry", true, (step, detail) -> steps.add(step));
        assertThat(steps).containsExactly(ShadowStep.values());
        assertThat(connection.device().name()).isEqualTo("Curry");
        assertThat(connection.session().viewOnly()).isTrue();

        try (LocalProxy proxy = LocalProxy.bind(ListenAddress.DEFAULT)) {
            assertThat(proxy.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(proxy.address().getPort()).isPositive();
            CompletableFuture<BytePump.Totals> served = CompletableFuture.supplyAsync(() -> {
                try {
                    return proxy.serveOne(connection);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket viewer = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
                InputStream in = viewer.getInputStream();
                OutputStream out = viewer.getOutputStream();
                assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII))
                        .isEqualTo(GreetingEchoServer.GREETING);
                out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            }
            BytePump.Totals totals = served.get(20, TimeUnit.SECONDS);
            assertThat(totals.leftToRight()).isEqualTo(12);
            assertThat(totals.rightToLeft()).isEqualTo(24);
            assertThat(proxy.viewerConnected()).isTrue();
            assertThat(proxy.totals()).isEqualTo(totals);
            assertThat(proxy.endedBecause()).isEqualTo("the viewer disconnected");
        }

        ImiClient admin = client();
        admin.login(ADMIN, PASSWORD.toCharArray());
        List<AuditEntry> log = admin.shadowLog(connection.device().id());
        assertThat(log).first().satisfies(entry -> {
            assertThat(entry.admin()).isEqualTo(ADMIN);
            assertThat(entry.outcome()).isIn("ACCEPTED", "COMPLETED");
        });
    }

    @Test
    void aSessionTheDeviceEndsBeforeAViewerConnectsEndsTheProxy() throws Exception {
        ShadowConnection connection = connect("Brief");
        try (LocalProxy proxy = LocalProxy.bind(ListenAddress.DEFAULT)) {
            brief.endSessions();

            assertThatThrownBy(() -> proxy.serveOne(connection))
                    .hasMessageStartingWith("the session ended before a viewer connected");
        }
    }

    @Test
    void aSessionTheDeviceEndsWhileAViewerIsConnectedEndsTheProxyNormally() throws Exception {
        ShadowConnection connection = connect("Brief");
        try (LocalProxy proxy = LocalProxy.listen(connection, ListenAddress.DEFAULT)) {
            CompletableFuture<BytePump.Totals> served = servedInTheBackground(proxy);
            try (Socket viewer = new Socket(proxy.address().getAddress(), proxy.address().getPort())) {
                InputStream in = viewer.getInputStream();
                assertThat(in.readNBytes(12)).hasSize(12);

                brief.endSessions();

                assertThat(in.read()).as("the viewer sees the end").isEqualTo(-1);
                assertThat(served.get(20, TimeUnit.SECONDS).rightToLeft()).isEqualTo(12);
            }
            assertThat(proxy.endedBecause()).as("the far side's reason, one sentence")
                    .isNotBlank().isNotEqualTo("the viewer disconnected").isEqualTo(connection.closeReason());
        }
    }

    @Test
    void aConnectionFromAnotherUsersProgramIsRefusedAndTheViewerStillGetsTheSession() throws Exception {
        assertThat(new File("/usr/bin/setpriv").canExecute() && Files.isReadable(Path.of("/proc/net/tcp"))
                && (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0)
                .as("running a program as another user needs root and setpriv, as .ci/run has them").isTrue();
        ShadowConnection connection = connect("Curry");
        try (LocalProxy proxy = LocalProxy.listen(connection, ListenAddress.DEFAULT)) {
            CompletableFuture<BytePump.Totals> served = servedInTheBackground(proxy);
            int port = proxy.address().getPort();
            // nobody's program reaches the port first and counts what the session sends it
            Process intruder = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", "/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port
                    + " && echo connected && echo \"read $(timeout 10 cat <&3 | wc -c)\"")
                    .directory(new File("/")).redirectErrorStream(true).start();
            try (BufferedReader said = new BufferedReader(
                    new InputStreamReader(intruder.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(said.readLine()).isEqualTo("connected");

                try (Socket viewer = new Socket(proxy.address().getAddress(), port)) {
                    viewer.setSoTimeout(10_000);
                    assertThat(new String(viewer.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                            .isEqualTo(GreetingEchoServer.GREETING);
                    assertThat(said.readLine()).as("the intruder got not a byte").isEqualTo("read 0");
                }
            } finally {
                intruder.destroyForcibly();
            }
            assertThat(served.get(20, TimeUnit.SECONDS).rightToLeft()).isEqualTo(12);
        }
    }

    @Test
    void aPortInUseIsOneSentence() throws Exception {
        try (LocalProxy first = LocalProxy.bind(ListenAddress.DEFAULT)) {
            int port = first.address().getPort();

            assertThatThrownBy(() -> LocalProxy.bind(new ListenAddress("127.0.0.1", port)))
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + " (");
        }
    }

    @Test
    void aWrongPasswordIsRefusedBeforeAnythingElse() {
        assertThatThrownBy(() -> new ShadowConnector(client()).connect(
                new Credentials(ADMIN, "wrong".toCharArray()), "Curry", false, (s, d) -> { }))
                .extracting(ImiSentences::of, STRING).isEqualTo("wrong user name or password");
    }

    @Test
    void anUnknownDeviceIsNamed() {
        assertThatThrownBy(() -> connect("Nutmeg"))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("no device named Nutmeg");
    }

    @Test
    void anOfflineDeviceIsRefusedByTheServer() {
        assertThatThrownBy(() -> connect("Sleepy"))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.status()).isEqualTo(409))
                .extracting(ImiSentences::of, STRING).isEqualTo("the device is offline");
    }

    @Test
    void aDeclineAtTheDeviceIsReported() {
        assertThatThrownBy(() -> connect("Grumpy"))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the user at the device declined the session");
    }

    @Test
    void aDeviceWithoutVncServerIsReported() {
        assertThatThrownBy(() -> connect("Headless"))
                .extracting(ImiSentences::of, STRING)
                .isEqualTo("the device's VNC server is not running");
    }

    @Test
    void aDeviceThatDoesNotAllowShadowingIsReported() {
        assertThatThrownBy(() -> connect("Locked"))
                .isInstanceOfSatisfying(ImiException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED))
                .extracting(ImiSentences::of, STRING).isEqualTo("shadowing is not allowed on this device");
    }

    @Test
    void aServerWithAnotherCertificateIsRefused() {
        ImiClient pinnedElsewhere = ImiClient.create(new ServerAddress("127.0.0.1", server.port()), "00".repeat(32));

        assertThatThrownBy(() -> new ShadowConnector(pinnedElsewhere).connect(
                new Credentials(ADMIN, PASSWORD.toCharArray()), "Curry", false, (s, d) -> { }))
                .isInstanceOfSatisfying(ImiException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE_MISMATCH))
                .extracting(ImiSentences::of, STRING)
                .startsWith("the server's certificate does not match the pinned fingerprint");
    }

    /** {@link LocalProxy#serveOne()} on another thread, so that the test can be the viewer. */
    private static CompletableFuture<BytePump.Totals> servedInTheBackground(LocalProxy proxy) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return proxy.serveOne();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
