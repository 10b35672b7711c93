package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.protocol.imi.ThinClient;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums demo --headless} as a user runs it: it prints what a console needs, every device it lists can be
 * shadowed through {@code ums proxy} with a real external viewer ({@code vncsnapshot}) and shows the demo
 * desktop, the offline device is reported offline, and SIGTERM (handled by the same shutdown hook as Ctrl+C)
 * stops it quietly without leaving its temporary directory behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoHeadlessIT {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    static Path work;
    static UmsProcess demo;
    static String server;
    static String fingerprint;
    static String password;
    static List<String> devices;
    static Path data;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = UmsProcess.start("demo", work, Map.of(), "demo", "--headless");
        devices = Arrays.asList(demo.awaitLine("devices: ", START).split(", "));
        server = demo.awaitLine("server: ", START);
        fingerprint = demo.awaitLine("fingerprint: ", START);
        password = demo.awaitLine("password: ", START);
        data = Path.of(demo.awaitLine("data: ", START).replace(" (removed at exit)", ""));
    }

    @AfterAll
    static void stopDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            // SIGTERM first, so that even after a failed test the demo removes its temporary directory
            demoProcess().ifPresent(ProcessHandle::destroy);
            demo.awaitExit(Duration.ofSeconds(30));
        }
        if (demo != null) {
            demo.close();
        }
    }

    private static java.util.Optional<ProcessHandle> demoProcess() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains("demo")).orElse(false))
                .findFirst();
    }

    @Test
    @Order(1)
    void itPrintsWhatAConsoleElsewhereNeeds() throws Exception {
        assertThat(server).matches("https://127\\.0\\.0\\.1:\\d+");
        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(demo.awaitLine("user: ", START)).isEqualTo("admin");
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat(devices).containsExactly("kiosk-1", "kiosk-2", "branch-1", "legacy-1", "legacy-2");
        assertThat(data).isDirectory();
        String webapp = demo.awaitLine("webapp: ", START);
        assertThat(webapp).isEqualTo(server + "/webapp/");
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newBuilder()
                .sslContext(dev.ums.protocol.tls.PinnedTrust.fingerprint(fingerprint).sslContext()).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(webapp)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>UMS Web App</title>");
        assertThat(demo.stderr()).as("stderr").isEmpty();
    }

    @Test
    @Order(2)
    void itListensOnLoopbackOnly() throws Exception {
        List<InetSocketAddress> listening = TcpPeers.listening(demoProcess().orElseThrow().pid());
        // the server, the gateway, the online devices' five demo VNC servers and the OS 11 devices' secure ports
        assertThat(listening).as("listening sockets").hasSizeGreaterThanOrEqualTo(2 + 5 + 2);
        assertThat(listening).allSatisfy(a -> assertThat(a.getAddress().isLoopbackAddress())
                .as("%s is on loopback", a).isTrue());
    }

    @Test
    @Order(3)
    void everyListedDeviceCanBeShadowedThroughTheProxyWithARealViewer() throws Exception {
        ImiClient admin = ImiClient.create(ServerAddress.parse(server), fingerprint);
        admin.login("admin", password.toCharArray());
        Map<String, ThinClient> byName = new HashMap<>();
        admin.thinClients().forEach(d -> byName.put(d.name(), d));
        for (String device : devices) {
            List<String> args = new ArrayList<>(List.of("proxy", "--server", server, "--fingerprint", fingerprint,
                    "--user", "admin", "--device", device));
            ThinClient known = byName.get(device);
            if ("11".equals(known.osVersion()) && known.securePort() != null) {
                // what a console elsewhere does: the port the device reported to the server
                args.addAll(List.of("--secure-port", String.valueOf(known.securePort())));
            }
            UmsProcess proxy = UmsProcess.start("proxy-" + device, work, Map.of("UMS_PASSWORD", password),
                    args.toArray(String[]::new));
            try {
                String listening = proxy.awaitLine("listening: ", START);
                BufferedImage screen = snapshot(listening, device + ".jpg");
                assertThat(proxy.awaitExit(Duration.ofSeconds(30))).as("%s: proxy exit code", device).isZero();
                assertLooksLikeTheDemoDesktop(device, screen);
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    @Order(4)
    void theOfflineDeviceIsReportedOffline() throws Exception {
        UmsProcess proxy = UmsProcess.start("proxy-spare", work, Map.of("UMS_PASSWORD", password), "proxy",
                "--server", server, "--fingerprint", fingerprint, "--user", "admin", "--device", "spare-1");
        try {
            assertThat(proxy.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(proxy.stderr()).singleElement().asString().startsWith("error: the device is offline");
        } finally {
            proxy.close();
        }
    }

    @Test
    @Order(5)
    void sigtermStopsItCleanlyAndLeavesNoFilesBehind() throws Exception {
        ProcessHandle process = demoProcess().orElseThrow();
        assertThat(process.destroy()).as("SIGTERM sent").isTrue();
        // the JVM reports death by SIGTERM as 128 + 15 even after its shutdown hooks ran to the end
        assertThat(demo.awaitExit(Duration.ofSeconds(30))).as("exit code").isEqualTo(143);
        assertThat(data).doesNotExist();
        assertThat(demo.stderr()).as("stderr").isEmpty();
    }

    /** What vncsnapshot sees with its own choice of encodings, as a user's viewer would. */
    private static BufferedImage snapshot(String hostPort, String file) throws Exception {
        return ImageIO.read(Captures.vncsnapshot(work, hostPort, file, List.of()).toFile());
    }

    /** Not blank, and the demo desktop's layout: the dark top bar, the light window, the dark event panel. */
    private static void assertLooksLikeTheDemoDesktop(String device, BufferedImage image) {
        assertThat(image.getWidth()).as("%s: width", device).isEqualTo(1024);
        assertThat(image.getHeight()).as("%s: height", device).isEqualTo(640);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours.size()).as("%s: distinct colours", device).isGreaterThan(50);
        assertNear(device, "top bar", image.getRGB(500, 8), 0x111827);
        assertNear(device, "window", image.getRGB(300, 360), 0xf9fafb);
        assertNear(device, "event panel", image.getRGB(960, 480), 0x111827);
    }

    private static void assertNear(String device, String what, int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)))
                    .as("%s: %s colour %06x", device, what, rgb & 0xffffff).isLessThan(12);
        }
    }
}
