package dev.ums.launcher;

import static dev.ums.launcher.UmsProcesses.ADMIN_PASSWORD;
import static dev.ums.launcher.UmsProcesses.ENROLLMENT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices behind a Cloud Gateway, end to end as a user runs them: {@code ums icg}, {@code ums server --icg},
 * an OS 12 and an OS 11 {@code ums agent --icg} that know only the gateway, a real Xvnc behind them, and
 * {@code ums proxy} with the real external viewer {@code vncsnapshot}. The gateway restart comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String ICG_SECRET = "it-gateway-secret";

    @TempDir
    static Path work;
    static XvncServer xvnc;
    static final UmsProcesses processes = new UmsProcesses();
    static UmsProcess icg;
    static String icgUrl;
    static String icgFingerprint;
    static int icgPort;
    static String serverUrl;
    static String serverFingerprint;
    static int serverPort;
    static UmsProcess agent12;
    static UmsProcess agent11;

    @BeforeAll
    static void startGatewayServerAgentsAndXvnc() throws Exception {
        xvnc = XvncServer.start(320, 240);
        xvnc.showImage(TestPattern.render(320, 240));
        icg = startIcg("0");
        icgFingerprint = icg.awaitLine("fingerprint: ", START);
        icgUrl = icg.awaitLine("ready: ", START);
        icgPort = ServerAddress.parse(icgUrl).port();
        UmsProcesses.Server server = processes.startServer(work, Map.of("UMS_ICG_SECRET", ICG_SECRET), START,
                "--icg", icgUrl, "--icg-fingerprint", icgFingerprint);
        serverFingerprint = server.fingerprint();
        serverUrl = server.url();
        serverPort = server.port();

        agent12 = agent("Remote12");
        agent11 = agent("Remote11", "--os", "11", "--secure-port", "0");
        agent12.awaitLine("online", START);
        agent11.awaitLine("online", START);
        awaitOnlineViaGateway(START);
    }

    @AfterAll
    static void stopEverything() {
        processes.close();
        if (xvnc != null) {
            xvnc.close();
        }
    }

    private static UmsProcess startIcg(String port) throws IOException {
        return processes.start("icg", work,
                Map.of("UMS_ICG_SECRET", ICG_SECRET), "icg", "--port", port, "--bind", "127.0.0.1",
                "--data", work.resolve("icg").toString());
    }

    private static UmsProcess agent(String name, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("agent", "--icg", icgUrl, "--fingerprint", icgFingerprint,
                "--name", name, "--vnc", xvnc.host() + ":" + xvnc.port(), "--data", work.resolve("agent-" + name)
                        .toString(), "--no-prompt-user"));
        args.addAll(List.of(extra));
        return processes.start("agent-" + name, work,
                Map.of("UMS_ENROLLMENT_TOKEN", ENROLLMENT_TOKEN), args.toArray(String[]::new));
    }

    private static ImiClient admin() throws Exception {
        ImiClient admin = ImiClient.create(ServerAddress.parse(serverUrl), serverFingerprint);
        admin.login("admin", ADMIN_PASSWORD.toCharArray());
        return admin;
    }

    /** Both devices, as the server sees them: online, and reached through the gateway. */
    private static void awaitOnlineViaGateway(Duration atMost) throws Exception {
        ImiClient admin = admin();
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Map<String, ThinClient> byName = new HashMap<>();
            admin.thinClients().forEach(d -> byName.put(d.name(), d));
            for (String name : List.of("Remote12", "Remote11")) {
                assertThat(byName.get(name)).as(name).isNotNull();
                assertThat(byName.get(name).online()).as(name + " online").isTrue();
                assertThat(byName.get(name).route()).as(name + " route").isEqualTo("icg");
            }
        });
    }

    private static UmsProcess proxy(String device) throws IOException {
        return processes.start("proxy-" + device, work,
                Map.of("UMS_PASSWORD", ADMIN_PASSWORD), "proxy", "--server", serverUrl,
                "--fingerprint", serverFingerprint, "--user", "admin", "--device", device);
    }

    /** vncsnapshot as in ProxyIT: raw encoding, so the only lossy step is the same libjpeg call on both paths. */
    private static Path vncsnapshot(String hostPort, String file) throws Exception {
        return Captures.vncsnapshot(work, hostPort, file);
    }

    private static void assertSnapshotThroughTheGatewayEqualsDirect(String device) throws Exception {
        UmsProcess proxy = proxy(device);
        String listening = proxy.awaitLine("listening: ", START);

        Path viaGateway = vncsnapshot(listening, device + "-via-gateway.jpg");
        assertThat(proxy.awaitExit(Duration.ofSeconds(30))).as("proxy exit code once the viewer left").isZero();
        assertThat(proxy.stderr()).as("proxy stderr").isEmpty();
        assertThat(proxy.stdout()).as("proxy stdout").endsWith("session ended: the viewer disconnected");
        Path direct = vncsnapshot(xvnc.host() + ":" + xvnc.port(), device + "-direct.jpg");

        assertThat(Files.mismatch(viaGateway, direct)).as("byte-identical snapshot files").isEqualTo(-1L);
        assertThat(ImageIO.read(viaGateway.toFile()).getWidth()).isEqualTo(320);
    }

    /** The agent reaches only the gateway and its VNC server (its own loopback pairs aside); never the server. */
    private static void assertTalksOnlyToTheGatewayAndXvnc(UmsProcess agent) throws Exception {
        assertThat(TcpPeers.of(agent.pid())).as("ports %s connects to", agent)
                .contains(icgPort)
                .doesNotContain(serverPort)
                .isSubsetOf(icgPort, xvnc.port());
    }

    /** Opens a session through {@code ums proxy} and holds it with a raw viewer that got through RFB security. */
    private static Socket viewerOn(UmsProcess proxy) throws Exception {
        String listening = proxy.awaitLine("listening: ", START);
        int colon = listening.lastIndexOf(':');
        Socket viewer = new Socket(listening.substring(0, colon), Integer.parseInt(listening.substring(colon + 1)));
        viewer.setSoTimeout(30_000);
        InputStream in = viewer.getInputStream();
        OutputStream out = viewer.getOutputStream();
        assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
        // security None to the end, so that hanging up later is no failed handshake (Xvnc blacklists a host after
        // a few of those)
        out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(in.readNBytes(in.read())).as("security types").contains((byte) 1);
        out.write(1);
        out.flush();
        assertThat(in.readNBytes(4)).as("security result: OK").containsExactly(0, 0, 0, 0);
        return viewer;
    }

    @Test
    @Order(0)
    void anAgentTakesEitherTheServerOrAGatewayNeverBothOrNone() throws Exception {
        UmsProcess both = processes.start("agent-both", work, Map.of(), "agent", "--server", serverUrl, "--icg", icgUrl,
                "--fingerprint", icgFingerprint, "--name", "Both");
        assertThat(both.awaitExit(START)).as("exit code of a usage error").isEqualTo(2);
        assertThat(String.join("\n", both.stderr())).contains("--server").contains("--icg").contains("mutually exclusive");

        UmsProcess none = processes.start("agent-none", work,
                Map.of(), "agent", "--fingerprint", icgFingerprint, "--name", "None");
        assertThat(none.awaitExit(START)).as("exit code of a usage error").isEqualTo(2);
        assertThat(String.join("\n", none.stderr())).contains("Missing required argument").contains("--icg");
    }

    @Test
    @Order(1)
    void anOs12DeviceBehindTheGatewayShowsExactlyWhatXvncShows() throws Exception {
        assertSnapshotThroughTheGatewayEqualsDirect("Remote12");
    }

    @Test
    @Order(2)
    void anOs11DeviceBehindTheGatewayShowsExactlyWhatXvncShows() throws Exception {
        assertSnapshotThroughTheGatewayEqualsDirect("Remote11");
    }

    @Test
    @Order(3)
    void agentsHoldConnectionsOnlyToTheGatewayAndTheirVncServerAlsoDuringASession() throws Exception {
        assertTalksOnlyToTheGatewayAndXvnc(agent12);
        assertTalksOnlyToTheGatewayAndXvnc(agent11);
        UmsProcess proxy = proxy("Remote11");
        try (Socket viewer = viewerOn(proxy)) {
            assertTalksOnlyToTheGatewayAndXvnc(agent11);
            assertThat(TcpPeers.of(agent11.pid())).as("during a session the agent reads Xvnc").contains(xvnc.port());
        }
        assertThat(proxy.awaitExit(Duration.ofSeconds(30))).isZero();
    }

    @Test
    @Order(4)
    void aGatewayRestartEndsTheSessionWithOneSentenceAndTheDevicesReturnWithinTenSeconds() throws Exception {
        UmsProcess proxy = proxy("Remote12");
        try (Socket viewer = viewerOn(proxy)) {
            assertTalksOnlyToTheGatewayAndXvnc(agent12);
            assertThat(TcpPeers.of(agent12.pid())).as("during a session the agent reads Xvnc").contains(xvnc.port());

            icg.stop(Duration.ofSeconds(30));

            InputStream in = viewer.getInputStream();
            assertThat(in.read()).as("end of stream at the viewer").isEqualTo(-1);
        }
        // the far side ended the session: exit code 1 and its sentence
        assertThat(proxy.awaitExit(Duration.ofSeconds(30))).as("proxy exit code").isEqualTo(1);
        assertThat(proxy.stderr()).as("proxy stderr").containsExactly("error: the gateway is shutting down");

        ImiClient admin = admin();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.thinClients())
                .filteredOn(d -> d.name().startsWith("Remote")).hasSize(2)
                .allSatisfy(d -> assertThat(d.online()).as(d.name() + " online").isFalse()));

        icg = startIcg(String.valueOf(icgPort));
        assertThat(icg.awaitLine("fingerprint: ", START)).as("same identity after the restart").isEqualTo(icgFingerprint);
        icg.awaitLine("ready: ", START);
        awaitOnlineViaGateway(Duration.ofSeconds(10));
        assertSnapshotThroughTheGatewayEqualsDirect("Remote11");
    }
}
