package dev.ums.console.gui;

import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.console.core.ShadowProgress;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.console.proxy.ListenAddress;
import dev.ums.console.proxy.LocalProxy;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.core.Robot;
import org.assertj.swing.fixture.FrameFixture;

/**
 * Not a test: measures (1) launching {@code ums console} (a fresh JVM from ums.jar) until its login window
 * is on the X display, (2) double-click to first complete frame in the console, and (3) the peer path:
 * asking for the session and serving it through the same {@code LocalProxy} {@code ums proxy} uses to
 * TigerVNC's {@code vncviewer}, until the viewer's window is mapped (a lower bound of its first frame).
 * Usage: {@code java … FirstFrameBenchmark UMS_JAR ROUNDS}.
 */
public final class FirstFrameBenchmark {
    private FirstFrameBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int rounds = Integer.parseInt(args.length > 1 ? args[1] : "10");
        Path dir = Files.createTempDirectory("ums-bench");
        List<Long> launch = new ArrayList<>();
        for (int i = 0; i < Math.max(3, rounds / 2); i++) {
            launch.add(launchToLogin(jar, dir.resolve("launch-" + i)));
        }
        report("launch → login window (ums.jar, fresh JVM)", launch);
        try (XvncServer xvnc = XvncServer.start(1280, 800);
             UmsServer server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")))) {
            DeviceAgent agent = GuiTests.agent(server, dir, "bench", xvnc.port());
            GuiTests.await().until(agent::isConnected);
            List<Long> handshakes = new ArrayList<>();
            report("double-click → first frame (console, embedded)", console(server, dir, rounds, handshakes));
            report("double-click → RFB handshake done (console, embedded)", handshakes);
            report("request → vncviewer window (LocalProxy + TigerVNC)", peer(server, rounds));
            agent.close();
        }
        System.exit(0);
    }

    private static long launchToLogin(String jar, Path config) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(config);
        Process p = new ProcessBuilder("java", "-jar", jar, "console", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(config.resolve("out.txt").toFile()).start();
        try {
            awaitWindow("Log in");
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<Long> console(UmsServer server, Path dir, int rounds, List<Long> handshakes) throws Exception {
        Robot robot = GuiTests.robot();
        ConsoleApp app = ConsoleApp.start(dir.resolve("config"));
        FrameFixture main = GuiTests.logInTrustingTheServer(robot, server);
        GuiTests.await().until(() -> GuiTests.onEdt(() -> main.table("devices").target().getRowCount()) == 1);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i <= rounds; i++) {
            main.tabbedPane("tabs").selectTab(0);
            main.table("devices").cell("bench").doubleClick();
            GuiTests.await().until(() -> GuiTests.onEdt(() -> main.tabbedPane("tabs").target().getSelectedComponent()
                    instanceof SessionTab t && t.firstFrameMillis() > 0));
            SessionTab tab = GuiTests.onEdt(() -> (SessionTab) main.tabbedPane("tabs").target().getSelectedComponent());
            if (i > 0) {
                times.add(tab.firstFrameMillis());
                handshakes.add(tab.handshakeMillis());
            }
            GuiTests.onEdt(() -> {
                tab.requestCloseTab();
                return null;
            });
            GuiTests.await().until(() -> server.relay().activeSessions() == 0);
        }
        GuiActionRunnerQuit.quitAndClose(app, robot);
        return times;
    }

    private static List<Long> peer(UmsServer server, int rounds) throws Exception {
        ImiClient client = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        client.login("admin", "admin-secret".toCharArray());
        ThinClient device = client.thinClients().get(0);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i <= rounds; i++) {
            long t0 = System.nanoTime();
            ShadowConnection connection = new ShadowConnector(client).open(device, false, ShadowProgress.NONE);
            LocalProxy proxy = LocalProxy.listen(connection, ListenAddress.DEFAULT);
            Thread serving = Workers.startThread("bench-proxy", () -> {
                try {
                    proxy.serveOne();
                } catch (Exception e) {
                    // The round ends by closing the proxy.
                }
            });
            Process viewer = new ProcessBuilder("vncviewer", "127.0.0.1::" + proxy.address().getPort())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitWindow("TigerVNC");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (i > 0) {
                times.add(ms);
            }
            viewer.destroy();
            viewer.waitFor(5, TimeUnit.SECONDS);
            proxy.close();
            serving.join(5000);
            GuiTests.await().until(() -> server.relay().activeSessions() == 0);
            awaitNoWindow("TigerVNC");
        }
        return times;
    }

    private static void awaitWindow(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (windowExists(name)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no window named " + name);
    }

    private static void awaitNoWindow(String name) throws Exception {
        while (windowExists(name)) {
            Thread.sleep(20);
        }
    }

    private static boolean windowExists(String name) throws Exception {
        Process p = new ProcessBuilder("xdotool", "search", "--onlyvisible", "--name", name).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return p.exitValue() == 0 && !out.isBlank();
    }

    private static void report(String what, List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "RESULT %s: median %d ms, min %d, max %d, n=%d %s%n", what,
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(), ms);
    }
}
