package dev.ums.launcher;

import static dev.ums.launcher.UmsProcesses.ADMIN_PASSWORD;
import static dev.ums.launcher.UmsProcesses.ENROLLMENT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.testkit.net.FreePort;
import dev.ums.testkit.tls.AnyCertificate;
import dev.ums.testkit.vnc.ServerCertificate;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XvncServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OS 11 secure VNC as a user runs it, with real processes: {@code ums server}, {@code ums agent --os 11} in
 * front of a real Xvnc, {@code ums proxy} (which picks the OS 11 path by itself from the device's OS
 * version), a real external viewer ({@code vncsnapshot}), our own engine ({@code ums snapshot}), and an
 * {@code openssl s_server} impostor where the device should be.
 */
class ProxyOs11IT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    static XvncServer xvnc;
    static final UmsProcesses processes = new UmsProcesses();
    static final List<Process> others = new ArrayList<>();
    static String serverUrl;
    static String fingerprint;
    static int curryPort;
    static int grumpyPort;

    @BeforeAll
    static void startServerAgentsAndXvnc() throws Exception {
        xvnc = XvncServer.start(320, 240);
        xvnc.showImage(TestPattern.render(320, 240));
        UmsProcesses.Server server = processes.startServer(work, START);
        fingerprint = server.fingerprint();
        serverUrl = server.url();

        UmsProcess curry = os11Agent("Os11Curry", false, Map.of());
        // no display to ask the user on: the agent's consent prompt declines
        UmsProcess grumpy = os11Agent("Os11Grumpy", true, UmsProcesses.unset("DISPLAY"));
        curryPort = Integer.parseInt(curry.awaitLine("secure vnc: ", START));
        grumpyPort = Integer.parseInt(grumpy.awaitLine("secure vnc: ", START));
        curry.awaitLine("online", START);
        grumpy.awaitLine("online", START);
    }

    @AfterAll
    static void stopEverything() {
        processes.close();
        others.forEach(Process::destroyForcibly);
        if (xvnc != null) {
            xvnc.close();
        }
    }

    private static UmsProcess os11Agent(String name, boolean prompt, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("UMS_ENROLLMENT_TOKEN", ENROLLMENT_TOKEN);
        return processes.start("agent-" + name, work,
                all, "agent", "--os", "11", "--secure-port", "0", "--server", serverUrl,
                "--fingerprint", fingerprint, "--name", name, "--vnc", xvnc.host() + ":" + xvnc.port(),
                "--data", work.resolve("agent-" + name).toString(), prompt ? "--prompt-user" : "--no-prompt-user");
    }

    private static UmsProcess proxy(String device, int securePort) throws IOException {
        return processes.start("proxy-" + device, work,
                Map.of("UMS_PASSWORD", ADMIN_PASSWORD), "proxy", "--server", serverUrl,
                "--fingerprint", fingerprint, "--user", "admin", "--device", device,
                "--secure-port", String.valueOf(securePort));
    }

    /** vncsnapshot as in ProxyIT: raw encoding, so the only lossy step is the same libjpeg call on both paths. */
    private static Path vncsnapshot(String hostPort, String file) throws Exception {
        return Captures.vncsnapshot(work, hostPort, file);
    }

    @Test
    void anExternalViewerThroughTheOs11PathSeesExactlyWhatItSeesStraightFromXvnc() throws Exception {
        UmsProcess proxy = proxy("Os11Curry", curryPort);
        String listening = proxy.awaitLine("listening: ", START);

        Path viaProxy = vncsnapshot(listening, "os11-via-proxy.jpg");
        assertThat(proxy.awaitExit(Duration.ofSeconds(30))).as("proxy exit code once the viewer left").isZero();
        assertThat(proxy.stderr()).as("proxy stderr").isEmpty();
        Path direct = vncsnapshot(xvnc.host() + ":" + xvnc.port(), "os11-direct.jpg");

        assertThat(Files.mismatch(viaProxy, direct)).as("byte-identical snapshot files").isEqualTo(-1L);
        assertThat(ImageIO.read(viaProxy.toFile()).getWidth()).isEqualTo(320);
    }

    @Test
    void ourEngineThroughTheOs11PathGetsTheXServersPixelsExactly() throws Exception {
        UmsProcess proxy = proxy("Os11Curry", curryPort);
        String listening = proxy.awaitLine("listening: ", START);

        int[] pixels = Captures.engineSnapshot(processes, work, proxy, listening, work.resolve("os11-engine.png"),
                320, 240);
        assertThat(pixels).isEqualTo(xvnc.screenPixels());
    }

    @Test
    void anImpostorWithAnotherCertificateIsRefusedAndReceivesNoPassword() throws Exception {
        ServerCertificate impostorCertificate = ServerCertificate.create(work.resolve("impostor"), "Os11Curry");
        Path key = impostorCertificate.key();
        Path cert = impostorCertificate.cert();
        int port = FreePort.pick();
        Path received = work.resolve("impostor-received.bin");
        Process impostor = new ProcessBuilder("openssl", "s_server", "-quiet", "-accept", String.valueOf(port),
                "-cert", cert.toString(), "-key", key.toString())
                .redirectOutput(received.toFile()).redirectError(work.resolve("impostor.log").toFile()).start();
        others.add(impostor);
        awaitListening(port);

        Captures.assertRefused(proxy("Os11Curry", port), "the device's certificate does not match the one the server holds "
                + "(127.0.0.1:" + port + " presents " + sha256(cert) + ")");
        // the console did reach it: the impostor logs the console's TLS alert ending the handshake when it reads it
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(Files.readString(work.resolve("impostor.log"))).contains("alert certificate unknown"));
        impostor.destroy();
        assertThat(impostor.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(received, StandardCharsets.ISO_8859_1)).as("what the impostor received")
                .doesNotContain("PROCYCMD").isEmpty();
    }

    @Test
    void aDeclineAtTheDeviceIsReportedAsARefusal() throws Exception {
        Captures.assertRefused(proxy("Os11Grumpy", grumpyPort), "the device refused the session password");
    }

    @Test
    void anUnreachableDeviceIsNamedWithTheAddressTried() throws Exception {
        int closed = FreePort.pick();
        Captures.assertRefused(proxy("Os11Curry", closed), "cannot connect to the device at 127.0.0.1:" + closed
                + " (connection refused)");
    }

    /** Against the agent process, from the documented handshake alone: a password works once, then never. */
    @Test
    void aUsedPasswordIsRefusedByTheAgent() throws Exception {
        ImiClient admin = ImiClient.create(ServerAddress.parse(serverUrl), fingerprint);
        admin.login("admin", ADMIN_PASSWORD.toCharArray());
        ThinClient curry = admin.thinClients().stream().filter(d -> d.name().equals("Os11Curry")).findFirst()
                .orElseThrow();
        String password = admin.thinClientWithShadowSecret(curry.id()).shadowSecret().password();

        assertThat(rawHandshake(password)).isEqualTo("RFB 003.008\n");
        assertThat(rawHandshake(password)).as("answer to a used password").isEmpty();
    }

    private static String rawHandshake(String password) throws Exception {
        try (SSLSocket socket = (SSLSocket) AnyCertificate.clientContext().getSocketFactory().createSocket("127.0.0.1", curryPort)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("PROCYCMD PW_" + password).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("openssl s_server never listened on " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static String sha256(Path pem) throws Exception {
        X509Certificate certificate;
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(pem))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
