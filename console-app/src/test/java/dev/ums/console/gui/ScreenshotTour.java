package dev.ums.console.gui;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.Rectangle;
import java.awt.Window;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;

/**
 * Not a test: drives the console through login, trust, the device list and a live session against a real
 * server, agents and Xvnc, and saves a PNG of each screen (ImageMagick {@code import} of the X display) for
 * the README. Run with the test classpath: {@code java … dev.ums.console.gui.ScreenshotTour OUT_DIR}.
 */
public final class ScreenshotTour {
    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("ums-tour");
        try (XvncServer xvnc = XvncServer.start(1024, 640);
             UmsServer server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")))) {
            List<Process> clients = List.of(x(xvnc, "xclock", "-geometry", "220x220+60+60", "-update", "1"),
                    x(xvnc, "xeyes", "-geometry", "240x160+380+80"), x(xvnc, "xlogo", "-geometry", "200x200+700+300"));
            DeviceAgent a = agent(server, dir, "kiosk-berlin", xvnc);
            DeviceAgent b = agent(server, dir, "kiosk-paris", xvnc);
            DeviceAgent c = agent(server, dir, "reception-3", xvnc);
            DeviceAgent slow = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), "front-desk",
                    dir.resolve("agent-front-desk")).vnc(InetSocketAddress.createUnresolved("127.0.0.1", xvnc.port()))
                    .enrollmentToken("enroll-secret").prompt(request -> {
                        try {
                            Thread.sleep(6000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return dev.ums.agent.ConsentPrompt.Answer.deny("the tour only shows the steps");
                    }).build());
            GuiTests.await().until(() -> a.isConnected() && b.isConnected() && c.isConnected() && slow.isConnected());
            c.close();
            Robot robot = GuiTests.robot();
            ConsoleApp app = ConsoleApp.start(dir.resolve("config"));
            DialogFixture login = WindowFinder.findDialog("login").withTimeout(20_000).using(robot);
            login.comboBox("server").replaceText(server.baseUrl());
            login.textBox("user").setText("admin");
            login.textBox("password").setText("admin-secret");
            shoot(login.target(), out.resolve("login.png"));
            GuiTests.press(login.button("login").target());
            DialogFixture trust = WindowFinder.findDialog("certificateTrust").withTimeout(20_000).using(robot);
            shoot(trust.target(), out.resolve("trust.png"));
            GuiTests.press(trust.button("trust").target());
            FrameFixture main = WindowFinder.findFrame("main").withTimeout(20_000).using(robot);
            GuiTests.await().until(() -> GuiTests.onEdt(() -> main.table("devices").target().getRowCount()) == 4);
            main.table("devices").cell("kiosk-berlin").click();
            Thread.sleep(500);
            shoot(main.target(), out.resolve("main.png"));
            main.table("devices").cell("front-desk").doubleClick();
            Thread.sleep(1500);
            shoot(main.target(), out.resolve("connecting.png"));
            GuiTests.await().until(() -> GuiTests.onEdt(() -> ((SessionTab) main.tabbedPane("tabs").target()
                    .getSelectedComponent()).endedSentence()).length() > 0);
            shoot(main.target(), out.resolve("declined.png"));
            GuiTests.onEdt(() -> {
                ((SessionTab) main.tabbedPane("tabs").target().getSelectedComponent()).requestCloseTab();
                return null;
            });
            main.tabbedPane("tabs").selectTab(0);
            main.table("devices").cell("kiosk-berlin").doubleClick();
            GuiTests.await().until(() -> GuiTests.onEdt(() -> main.tabbedPane("tabs").target().getSelectedComponent()
                    instanceof SessionTab t && t.isLive()));
            Thread.sleep(2500);
            shoot(main.target(), out.resolve("session.png"));
            GuiActionRunner.execute(() -> Themes.switchTo(Theme.DARK, false));
            main.tabbedPane("tabs").selectTab(0);
            Thread.sleep(1000);
            shoot(main.target(), out.resolve("main-dark.png"));
            GuiActionRunner.execute(() -> Themes.switchTo(Theme.LIGHT, false));
            main.menuItem("menuLogout").click();
            String server1 = "127.0.0.1:" + server.port();
            app.settings().change(s -> s.withPin(server1, "5a".repeat(32)));
            DialogFixture again = WindowFinder.findDialog("login").withTimeout(20_000).using(robot);
            again.textBox("password").setText("admin-secret");
            GuiTests.press(again.button("login").target());
            DialogFixture changed = WindowFinder.findDialog("certificateChanged").withTimeout(20_000).using(robot);
            shoot(changed.target(), out.resolve("certificate-changed.png"));
            GuiTests.press(changed.button("distrust").target());
            GuiActionRunnerQuit.quitAndClose(app, robot, a, b, slow);
            clients.forEach(Process::destroy);
        }
        System.exit(0);
    }

    private static Process x(XvncServer xvnc, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DISPLAY", xvnc.display());
        return pb.start();
    }

    private static DeviceAgent agent(UmsServer server, Path dir, String name, XvncServer xvnc) throws Exception {
        return GuiTests.agent(server, dir, name, xvnc.port());
    }

    private static void shoot(Window window, Path file) throws Exception {
        Rectangle r = GuiTests.onEdt(() -> new Rectangle(window.getLocationOnScreen(), window.getSize()));
        Process p = new ProcessBuilder("import", "-window", "root", "-crop",
                r.width + "x" + r.height + "+" + r.x + "+" + r.y, "+repage", file.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
    }
}
