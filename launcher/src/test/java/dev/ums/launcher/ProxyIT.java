package dev.ums.launcher;

import static dev.ums.launcher.UmsProcesses.ADMIN_PASSWORD;
import static dev.ums.launcher.UmsProcesses.ENROLLMENT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums proxy} as a user runs it, end to end with real processes: {@code ums server}, {@code ums agent}
 * for several devices, a real Xvnc, and a real external viewer ({@code vncsnapshot}). Every refusal must end
 * the command with exit code 1 and exactly one sentence on stderr.
 */
class ProxyIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    static XvncServer xvnc;
    static final UmsProcesses processes = new UmsProcesses();
    static String serverUrl;
    static String fingerprint;
    static int serverPort;
    static UmsProcess briefAgent;

    @BeforeAll
    static void startServerAgentsAndXvnc() throws Exception {
        xvnc = XvncServer.start(320, 240);
        UmsProcesses.Server server = processes.startServer(work, START);
        fingerprint = server.fingerprint();
        serverUrl = server.url();
        serverPort = server.port();

        List<UmsProcess> agents = List.of(
                agent("Curry", xvnc.host() + ":" + xvnc.port(), false, Map.of()),
                // no display to ask the user on: the agent's consent prompt declines
                agent("Grumpy", xvnc.host() + ":" + xvnc.port(), true, UmsProcesses.unset("DISPLAY")),
                agent("Headless", "127.0.0.1:" + closedPort(), false, Map.of()),
                agent("Gone", xvnc.host() + ":" + xvnc.port(), false, Map.of()),
                agent("Brief", xvnc.host() + ":" + xvnc.port(), false, Map.of()));
        briefAgent = agents.get(4);
        for (UmsProcess agent : agents) {
            agent.awaitLine("online", START);
        }
        UmsProcess gone = agents.get(3);
        gone.close();
        awaitOnline("Gone", false);
        awaitOnline("Curry", true);
    }

    @AfterAll
    static void stopEverything() {
        processes.close();
        if (xvnc != null) {
            xvnc.close();
        }
    }

    private static UmsProcess agent(String name, String vnc, boolean prompt, Map<String, String> env)
            throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("UMS_ENROLLMENT_TOKEN", ENROLLMENT_TOKEN);
        return processes.start("agent-" + name, work, all, "agent", "--server", serverUrl, "--fingerprint", fingerprint,
                "--name", name, "--vnc", vnc, "--data", work.resolve("agent-" + name).toString(),
                prompt ? "--prompt-user" : "--no-prompt-user");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** The agent prints "online" when welcomed; the server's view is what the proxy will see. */
    private static void awaitOnline(String name, boolean online) throws Exception {
        ImiClient admin = ImiClient.create(ServerAddress.parse(serverUrl), fingerprint);
        admin.login("admin", ADMIN_PASSWORD.toCharArray());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (ThinClient device : admin.thinClients()) {
                if (device.name().equals(name) && Boolean.valueOf(online).equals(device.online())) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " never became " + (online ? "online" : "offline"));
    }

    private static UmsProcess proxy(String password, String... args) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("UMS_PASSWORD", password);
        List<String> all = new ArrayList<>(List.of("proxy", "--server", serverUrl, "--fingerprint", fingerprint,
                "--user", "admin"));
        all.addAll(List.of(args));
        return processes.start("proxy", work, env, all.toArray(String[]::new));
    }

    private static Path snapshot(String hostPort, String file) throws Exception {
        return Captures.vncsnapshot(work, hostPort, file);
    }

    @Test
    void aVncViewerThroughTheProxySeesExactlyWhatItSeesStraightFromXvnc() throws Exception {
        UmsProcess proxy = proxy(ADMIN_PASSWORD, "--device", "curry");
        String listening = proxy.awaitLine("listening: ", START);
        assertThat(listening).startsWith("127.0.0.1:").doesNotEndWith(":0");

        Path viaProxy = snapshot(listening, "via-proxy.jpg");
        assertThat(proxy.awaitExit(Duration.ofSeconds(30))).as("proxy exit code once the viewer left").isZero();
        assertThat(proxy.stderr()).as("proxy stderr").isEmpty();
        Path direct = snapshot(xvnc.host() + ":" + xvnc.port(), "direct.jpg");

        assertThat(Files.mismatch(viaProxy, direct)).as("byte-identical snapshot files").isEqualTo(-1L);
        BufferedImage a = ImageIO.read(viaProxy.toFile());
        BufferedImage b = ImageIO.read(direct.toFile());
        assertThat(a.getWidth()).isEqualTo(320);
        assertThat(a.getHeight()).isEqualTo(240);
        assertThat(a.getRGB(0, 0, 320, 240, null, 0, 320)).isEqualTo(b.getRGB(0, 0, 320, 240, null, 0, 320));
        assertLooksLikeTheScreen(a, xvnc.screenPixels());
    }

    @Test
    void ourOwnEngineThroughTheProxyGetsTheXServersPixelsExactly() throws Exception {
        UmsProcess proxy = proxy(ADMIN_PASSWORD, "--device", "Curry");
        String listening = proxy.awaitLine("listening: ", START);

        // a second, independent client that writes lossless PNG: the pixels must be the X server's, exactly
        int[] pixels = Captures.engineSnapshot(processes, work, proxy, listening, work.resolve("engine-via-proxy.png"),
                320, 240);
        assertThat(pixels).isEqualTo(xvnc.screenPixels());
    }

    /**
     * Guards against two equally wrong snapshots (blank, or another screen): the decoded JPEG must be close to
     * the X server's own pixels. Close, not equal, because vncsnapshot only writes JPEG.
     */
    private static void assertLooksLikeTheScreen(BufferedImage image, int[] screen) {
        long error = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                int got = image.getRGB(x, y) & 0xffffff;
                int want = screen[y * 320 + x];
                colours.add(got);
                for (int shift = 0; shift <= 16; shift += 8) {
                    error += Math.abs(((got >> shift) & 0xff) - ((want >> shift) & 0xff));
                }
            }
        }
        assertThat(colours.size()).as("distinct colours in the snapshot").isGreaterThan(50);
        assertThat(error / (320.0 * 240 * 3)).as("mean error per channel against the X server's pixels")
                .isLessThan(12.0);
    }

    @Test
    void whenTheDeviceGoesAwayMidSessionTheViewerSeesTheEndAndTheProxySaysWhy() throws Exception {
        int port = closedPort();
        UmsProcess proxy = proxy(ADMIN_PASSWORD, "--device", "Brief", "--view-only", "--listen", "127.0.0.1:" + port);
        assertThat(proxy.awaitLine("listening: ", START)).isEqualTo("127.0.0.1:" + port);

        try (Socket viewer = new Socket("127.0.0.1", port)) {
            viewer.setSoTimeout(30_000);
            InputStream in = viewer.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");

            briefAgent.close();

            assertThat(in.read()).as("end of stream at the viewer").isEqualTo(-1);
        }
        // killed, the agent closed nothing in order: the relay says what happened, the exit code that it was not normal
        Captures.assertEndedAbnormally(proxy, "the device's agent went away");
    }

    @Test
    void withoutAViewerWithinTheAcceptTimeoutTheSessionEndsAndTheDeviceIsReleased() throws Exception {
        UmsProcess proxy = proxy(ADMIN_PASSWORD, "--device", "Curry", "--accept-timeout", "2");
        proxy.awaitLine("listening: ", START);

        Captures.assertEndedAbnormally(proxy,
                "no viewer connected within 2 seconds; the session was ended and the device released");
        AuditEntry last = lastSessionOfCurry();
        assertThat(last.end()).as("the session's end in the audit log").isNotNull();
        assertThat(last.bytesToDevice()).as("nothing reached the device").isZero();
    }

    /** Curry's latest shadow log entry, once it has its end (or after 30 s without one). */
    private static AuditEntry lastSessionOfCurry() throws Exception {
        ImiClient admin = ImiClient.create(ServerAddress.parse(serverUrl), fingerprint);
        admin.login("admin", ADMIN_PASSWORD.toCharArray());
        String curry = admin.thinClients().stream().filter(d -> d.name().equals("Curry")).findFirst().orElseThrow().id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        AuditEntry last = null;
        while (System.nanoTime() < deadline) {
            List<AuditEntry> log = admin.shadowLog(curry);
            last = log.stream().max(java.util.Comparator.comparingLong(AuditEntry::id)).orElseThrow();
            if (last.end() != null) {
                break;
            }
            Thread.sleep(100);
        }
        return last;
    }

    /** Ctrl+C or SIGTERM while the proxy waits for its viewer is the user's own end: said as such, device released. */
    @Test
    void aStopBeforeAViewerConnectedIsTheUsersOwnEndAndReleasesTheDevice() throws Exception {
        UmsProcess proxy = proxy(ADMIN_PASSWORD, "--device", "Curry");
        proxy.awaitLine("listening: ", START);

        assertThat(proxy.stop(Duration.ofSeconds(30))).as("exit code of SIGTERM after the hooks ran").isEqualTo(143);
        assertThat(proxy.stdout()).as("stderr: %s", proxy.stderr()).last(STRING).isEqualTo(
                "session ended: the proxy was stopped before a viewer connected; the device was released");
        assertThat(proxy.stderr()).as("no error").isEmpty();
        assertThat(lastSessionOfCurry().end()).as("the session's end in the audit log").isNotNull();
    }

    @Test
    void aProxyListeningBeyondThisMachineWarnsThatTheFirstToConnectGetsTheSession() throws Exception {
        UmsProcess proxy = proxy(ADMIN_PASSWORD, "--device", "Curry", "--accept-timeout", "2", "--listen", "0.0.0.0:0");
        assertThat(proxy.awaitLine("listening: ", START)).startsWith("0.0.0.0:");

        assertThat(proxy.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(1);
        assertThat(proxy.stderr()).hasSize(2);
        assertThat(proxy.stderr()).first(STRING).startsWith("WARN ProxyCommand: listening on 0.0.0.0:")
                .endsWith("the first program that connects from any machine able to reach it gets the session; use "
                        + "127.0.0.1 unless the viewer runs elsewhere");
        assertThat(proxy.stderr()).last(STRING).startsWith("error: no viewer connected within 2 seconds");
    }

    @Test
    void anAcceptTimeoutBelowOneSecondIsRefused() throws Exception {
        Captures.assertRefused(proxy(ADMIN_PASSWORD, "--device", "Curry", "--accept-timeout", "0"),
                "--accept-timeout must be at least 1 second, got 0");
    }

    @Test
    void aWrongPasswordEndsTheCommand() throws Exception {
        Captures.assertRefused(proxy("not-the-password", "--device", "Curry"), "wrong user name or password");
    }

    @Test
    void aMissingPasswordIsExplained() throws Exception {
        Map<String, String> env = UmsProcesses.unset("UMS_PASSWORD");
        UmsProcess proxy = processes.start("proxy", work,
                env, "proxy", "--server", serverUrl, "--fingerprint", fingerprint,
                "--user", "admin", "--device", "Curry");
        Captures.assertRefused(proxy, "no password: set the environment variable UMS_PASSWORD");
    }

    @Test
    void anUnknownDeviceIsNamed() throws Exception {
        Captures.assertRefused(proxy(ADMIN_PASSWORD, "--device", "Nutmeg"), "no device named Nutmeg");
    }

    @Test
    void anOfflineDeviceIsReported() throws Exception {
        Captures.assertRefused(proxy(ADMIN_PASSWORD, "--device", "Gone"), "the device is offline");
    }

    @Test
    void aServerWhoseCertificateDoesNotMatchTheFingerprintIsRefused() throws Exception {
        String other = fingerprint.startsWith("0") ? "1" + fingerprint.substring(1) : "0" + fingerprint.substring(1);
        UmsProcess proxy = processes.start("proxy", work,
                Map.of("UMS_PASSWORD", ADMIN_PASSWORD), "proxy", "--server", serverUrl,
                "--fingerprint", other, "--user", "admin", "--device", "Curry");
        Captures.assertRefused(proxy, "the server's certificate does not match the pinned fingerprint (127.0.0.1:"
                + serverPort + " presents " + fingerprint + ")");
    }

    @Test
    void aDeclineAtTheDeviceIsReported() throws Exception {
        Captures.assertRefused(proxy(ADMIN_PASSWORD, "--device", "Grumpy"), "the user at the device declined the session");
    }

    @Test
    void aDeviceWithoutVncServerIsReported() throws Exception {
        Captures.assertRefused(proxy(ADMIN_PASSWORD, "--device", "Headless"), "the device's VNC server is not running");
    }
}
