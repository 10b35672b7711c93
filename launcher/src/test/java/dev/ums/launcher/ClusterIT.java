package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.testkit.haproxy.HaproxyServer;
import dev.ums.testkit.postgres.PostgresServer;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XvncServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Two `ums server` nodes on one real PostgreSQL behind a real HAProxy sending the PROXY protocol to their load
 * balancer ports (docs/SCALE-OUT.md), both given the same
 * real `ums icg`, with a real Xvnc: a session asked on one node for a device held by the other, a login made on
 * one node used on the other, a node killed mid-session, a rolling restart, a device behind the gateway
 * shadowed from either node and through the death of the node linked to the gateway, and the web app in a real
 * browser through the balancer's frontend for browsers. Runs in this order; each
 * test leaves both nodes running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String SECRET = "cluster-secret-for-tests";
    private static final String ADMIN_PASSWORD = "cluster-admin";
    private static final String ENROLLMENT = "cluster-enroll";
    private static final String ICG_SECRET = "cluster-gateway-secret";

    @TempDir
    static Path work;
    static PostgresServer postgres;
    static XvncServer xvnc;
    static HaproxyServer haproxy;
    static final UmsProcesses processes = new UmsProcesses();
    static final int[] ports = new int[2];
    /** Each node's load balancer port, to which HAProxy sends the PROXY protocol. */
    static final int[] proxyPorts = new int[2];
    static final UmsProcess[] nodes = new UmsProcess[2];
    static String fingerprint;
    static int started;
    static String icgUrl;
    static String icgFingerprint;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        xvnc = XvncServer.start(320, 240);
        xvnc.showImage(TestPattern.render(320, 240));
        UmsProcess icg = processes.start("icg", work, Map.of("UMS_ICG_SECRET", ICG_SECRET), "icg", "--port", "0",
                "--bind", "127.0.0.1", "--data", work.resolve("icg").toString());
        icgFingerprint = icg.awaitLine("fingerprint: ", START);
        icgUrl = icg.awaitLine("ready: ", START);
        for (int i = 0; i < 2; i++) {
            try (ServerSocket s = new ServerSocket(0); ServerSocket p = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
                proxyPorts[i] = p.getLocalPort();
            }
        }
        startNode(0);
        startNode(1);
        haproxy = HaproxyServer.startSendingProxy(List.of(proxyPorts[0], proxyPorts[1]));
    }

    @AfterAll
    static void stop() {
        processes.close();
        if (haproxy != null) {
            haproxy.close();
        }
        if (xvnc != null) {
            xvnc.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void startNode(int i) throws Exception {
        nodes[i] = processes.start("node" + (i + 1) + "-" + (++started), work, Map.of("UMS_ADMIN_PASSWORD",
                        ADMIN_PASSWORD, "UMS_ENROLLMENT_TOKEN", ENROLLMENT, "UMS_DB_USER", postgres.user(),
                        "UMS_CLUSTER_SECRET", SECRET, "UMS_ICG_SECRET", ICG_SECRET),
                "server", "--port", String.valueOf(ports[i]), "--bind", "127.0.0.1",
                "--data", work.resolve("node" + (i + 1)).toString(), "--db-url", postgres.jdbcUrl(),
                "--advertise-url", url(i), "--icg", icgUrl, "--icg-fingerprint", icgFingerprint,
                "--proxy-port", String.valueOf(proxyPorts[i]));
        String printed = nodes[i].awaitLine("fingerprint: ", START);
        nodes[i].awaitLine("ready: ", START);
        if (fingerprint == null) {
            fingerprint = printed;
        }
        assertThat(printed).as("node %d presents the cluster's one identity", i + 1).isEqualTo(fingerprint);
    }

    private static String url(int i) {
        return "https://127.0.0.1:" + ports[i];
    }

    @Test
    @Order(1)
    void aSessionAskedOnOneNodeShowsTheScreenOfADeviceHeldByTheOther() throws Exception {
        UmsProcess agent = agent("Held-By-1", url(0));
        agent.awaitLine("online", START);

        UmsProcess proxy = processes.start("proxy-cross", work, Map.of("UMS_PASSWORD", ADMIN_PASSWORD), "proxy",
                "--server", url(1), "--fingerprint", fingerprint, "--user", "admin", "--device", "Held-By-1");
        String listening = proxy.awaitLine("listening: ", START);
        int[] pixels = Captures.engineSnapshot(processes, work, proxy, listening, work.resolve("cross.png"), 320, 240);
        assertThat(pixels).as("the X server's pixels, device on node 1, console on node 2")
                .isEqualTo(xvnc.screenPixels());

        AdminRest onNode1 = AdminRest.login(url(0), fingerprint, "admin", ADMIN_PASSWORD);
        ThinClient device = onNode1.device("Held-By-1");
        awaitOutcome(onNode1, device.id(), "COMPLETED");
        agent.close();
    }

    @Test
    @Order(2)
    void aLoginOnOneNodeIsValidOnTheOtherAndALogoutEndsItEverywhere() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(fingerprint).sslContext()).build();
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url(0) + "/umsapi/v3/login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

        assertThat(get(http, url(1), cookie).statusCode()).as("the cookie of node 1 on node 2").isEqualTo(200);
        HttpResponse<String> logout = http.send(HttpRequest.newBuilder(URI.create(url(1) + "/umsapi/v3/logout"))
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(get(http, url(0), cookie).statusCode()).as("after the logout on node 2, on node 1").isEqualTo(401);
    }

    @Test
    @Order(3)
    void killingTheNodeOfASessionEndsItWithASentenceTheDeviceComesBackAndTheAuditIsClosed() throws Exception {
        UmsProcess agent = agent("Via-Balancer", haproxy.url());
        agent.awaitLine("online", START);
        AdminRest any = AdminRest.login(url(0), fingerprint, "admin", ADMIN_PASSWORD);
        ThinClient device = any.device("Via-Balancer");
        int holder = holderOf(device.id());

        UmsProcess proxy = processes.start("proxy-doomed", work, Map.of("UMS_PASSWORD", ADMIN_PASSWORD), "proxy",
                "--server", url(holder), "--fingerprint", fingerprint, "--user", "admin", "--device", "Via-Balancer",
                "--view-only");
        String listening = proxy.awaitLine("listening: ", START);
        int colon = listening.lastIndexOf(':');
        try (java.net.Socket viewer = new java.net.Socket(listening.substring(0, colon),
                Integer.parseInt(listening.substring(colon + 1)))) {
            viewer.setSoTimeout(30_000);
            assertThat(new String(viewer.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .isEqualTo("RFB 003.008\n");
            String holderDown = "node" + (holder + 1) + " is DOWN";
            long downBefore = haproxy.log().lines().filter(line -> line.contains(holderDown)).count();
            long killedAt = System.nanoTime();
            nodes[holder].close(); // kill -9
            assertThat(viewer.getInputStream().read()).as("end of stream at the viewer").isEqualTo(-1);
            Captures.assertEndedAbnormally(proxy, "the connection to the server was lost");

            int survivor = 1 - holder;
            AdminRest onSurvivor = AdminRest.login(url(survivor), fingerprint, "admin", ADMIN_PASSWORD);
            long backMs = awaitHeldBy(device.id(), survivor, killedAt);
            assertThat(onSurvivor.device("Via-Balancer").online()).as("online on the surviving node").isTrue();
            System.out.println("device back on the surviving node " + backMs + " ms after the kill");
            awaitOutcome(onSurvivor, device.id(), "INTERRUPTED");
            long deadline = System.nanoTime() + START.toNanos();
            long downAfter = downBefore;
            while (downAfter == downBefore && System.nanoTime() < deadline) {
                Thread.sleep(100);
                downAfter = haproxy.log().lines().filter(line -> line.contains(holderDown)).count();
            }
            assertThat(downAfter).as("HAProxy's health check took the killed node for dead: %s", haproxy.log())
                    .isGreaterThan(downBefore);
        }
        startNode(holder);
    }

    @Test
    @Order(4)
    void aRollingRestartKeepsTheDeviceOnlineButForAFewSeconds() throws Exception {
        String deviceId = AdminRest.login(url(0), fingerprint, "admin", ADMIN_PASSWORD).device("Via-Balancer").id();
        AtomicLong longestOffline = new AtomicLong();
        for (int i = 0; i < 2; i++) {
            int other = 1 - i;
            long stoppedAt = System.nanoTime();
            // SIGTERM: the shutdown hook closes the node, and the JVM exits with 128 + 15
            assertThat(nodes[i].stop(Duration.ofSeconds(30))).as("node %d stops on SIGTERM", i + 1).isEqualTo(143);
            longestOffline.accumulateAndGet(awaitHeldBy(deviceId, other, stoppedAt), Math::max);
            assertThat(nodes[i].stderr()).as("node %d's log", i + 1).noneMatch(line -> line.startsWith("ERROR"));
            startNode(i);
        }
        System.out.println("rolling restart: the device was offline for at most " + longestOffline.get() + " ms");
        assertThat(longestOffline.get()).isLessThanOrEqualTo(10_000);
    }

    @Test
    @Order(5)
    void aDeviceBehindTheGatewayIsShadowedFromEitherNodeAndThroughTheDeathOfTheNodeLinkedToIt() throws Exception {
        UmsProcess agent = processes.start("agent-Behind-Gateway", work, Map.of("UMS_ENROLLMENT_TOKEN", ENROLLMENT),
                "agent", "--icg", icgUrl, "--fingerprint", icgFingerprint, "--name", "Behind-Gateway",
                "--vnc", xvnc.host() + ":" + xvnc.port(), "--data", work.resolve("agent-Behind-Gateway").toString(),
                "--no-prompt-user");
        agent.awaitLine("online", START);
        String deviceId = AdminRest.login(url(0), fingerprint, "admin", ADMIN_PASSWORD).device("Behind-Gateway").id();
        int linked = holderOf(deviceId);
        for (int asked : new int[] {linked, 1 - linked}) {
            assertThat(gatewayScreen(asked, "gateway-" + asked)).as("device behind the gateway linked to node %d, "
                    + "asked on node %d", linked + 1, asked + 1).isEqualTo(xvnc.screenPixels());
        }
        awaitOutcome(AdminRest.login(url(1 - linked), fingerprint, "admin", ADMIN_PASSWORD), deviceId, "COMPLETED");

        long killedAt = System.nanoTime();
        nodes[linked].close(); // kill -9
        int survivor = 1 - linked;
        long backMs = awaitHeldBy(deviceId, survivor, killedAt);
        System.out.println("device behind the gateway back on the surviving node " + backMs + " ms after the kill");
        assertThat(gatewayScreen(survivor, "gateway-after-kill")).as("after the kill, through the survivor")
                .isEqualTo(xvnc.screenPixels());
        startNode(linked);
        assertThat(gatewayScreen(linked, "gateway-restarted")).as("asked on the restarted node, which is not linked")
                .isEqualTo(xvnc.screenPixels());
        agent.close();
    }

    /**
     * A browser given the balancer's frontend for browsers (docs/SCALE-OUT.md: `balance source`) logs in and shadows
     * a device held by each node: its page, API calls and tunnel reach one node, which asks the other node's device
     * through the database, and the canvas shows the X server's pixels either way.
     */
    @Test
    @Order(6)
    void aBrowserThroughTheBalancersBrowserFrontendShadowsADeviceHeldByEitherNode() throws Exception {
        List<UmsProcess> agents = List.of(agent("Web-On-1", url(0)), agent("Web-On-2", url(1)));
        for (UmsProcess agent : agents) {
            agent.awaitLine("online", START);
        }
        ChromeDriver browser = Chromium.start("127.0.0.1", haproxy.browserPort(), fingerprint,
                work.resolve("browser-profile"), work.resolve("browser-downloads"));
        try {
            WebAppPage page = new WebAppPage(browser, START);
            browser.get("https://127.0.0.1:" + haproxy.browserPort() + "/webapp/");
            page.logIn("admin", ADMIN_PASSWORD);
            page.awaitDevices();
            AdminRest admin = AdminRest.login(url(0), fingerprint, "admin", ADMIN_PASSWORD);
            for (String name : List.of("Web-On-1", "Web-On-2")) {
                page.open(name);
                int[] expected = xvnc.screenPixels();
                await().atMost(START).untilAsserted(() -> assertThat(page.canvasPixels())
                        .as("the X server's pixels in the browser, device %s", name).isEqualTo(expected));
                page.backToDevices();
                awaitOutcome(admin, admin.device(name).id(), "COMPLETED");
            }
        } finally {
            browser.quit();
            agents.forEach(UmsProcess::close);
        }
    }

    private static int[] gatewayScreen(int node, String name) throws Exception {
        UmsProcess proxy = processes.start("proxy-" + name, work, Map.of("UMS_PASSWORD", ADMIN_PASSWORD), "proxy",
                "--server", url(node), "--fingerprint", fingerprint, "--user", "admin", "--device", "Behind-Gateway");
        String listening = proxy.awaitLine("listening: ", START);
        return Captures.engineSnapshot(processes, work, proxy, listening, work.resolve(name + ".png"), 320, 240);
    }

    private static UmsProcess agent(String name, String server) throws Exception {
        return processes.start("agent-" + name, work, Map.of("UMS_ENROLLMENT_TOKEN", ENROLLMENT), "agent",
                "--server", server, "--fingerprint", fingerprint, "--name", name,
                "--vnc", xvnc.host() + ":" + xvnc.port(), "--data", work.resolve("agent-" + name).toString(),
                "--no-prompt-user");
    }

    private static HttpResponse<String> get(HttpClient http, String base, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/thinclients")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int holderOf(String deviceId) throws Exception {
        int node = heldBy(deviceId);
        assertThat(node).as("device %s is held by a node", deviceId).isNotNegative();
        return node;
    }

    /** Which node holds the device, read from the cluster's presence table; -1 for none. */
    private static int heldBy(String deviceId) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT n.advertise_url FROM device_presence p "
                     + "JOIN cluster_node n ON n.node_id = p.node_id WHERE p.device_id = ?")) {
            ps.setLong(1, Long.parseLong(deviceId));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                return rs.getString(1).equals(url(0)) ? 0 : 1;
            }
        }
    }

    /**
     * Waits until node {@code node} holds the device (it may hold it already); answers the milliseconds since
     * {@code since}, which must be at most 10 s.
     */
    private static long awaitHeldBy(String deviceId, int node, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (heldBy(deviceId) == node) {
                long ms = (System.nanoTime() - since) / 1_000_000;
                assertThat(ms).as("device %s held by node %d again", deviceId, node + 1).isLessThanOrEqualTo(10_000);
                return ms;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("device " + deviceId + " not held by node " + (node + 1) + " within 15 s");
    }

    private static void awaitOutcome(AdminRest admin, String deviceId, String outcome) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = admin.shadowLog(deviceId).stream().map(AuditEntry::outcome).toList();
            if (!seen.isEmpty() && seen.get(0).equals(outcome)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the latest audit entry of device " + deviceId + " is not " + outcome + ": " + seen);
    }
}
