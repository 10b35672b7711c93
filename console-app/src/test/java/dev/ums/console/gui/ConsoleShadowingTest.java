package dev.ums.console.gui;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;
import static dev.ums.console.gui.GuiTests.press;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.console.gui.internal.settings.ViewerMode;
import dev.ums.protocol.imi.TcDirectory;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XKeyLog;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.Point;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.assertj.swing.core.MouseButton;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JTableFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as an administrator uses it, against the real server in process, real device agents and a real
 * Xvnc: first login with the trust dialog, the device in tree and table, a session whose pixels equal Xvnc's,
 * view-only input, Ctrl+Alt+Del and the clipboard, closing tabs, failures in the tab, the shadow log and
 * external viewers (vncsnapshot).
 * One console for the whole class, in the order a user would go.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleShadowingTest {
    @TempDir
    static Path dir;
    static XvncServer xvnc;
    static UmsServer server;
    static DeviceAgent kiosk;
    static DeviceAgent headless;
    static DeviceAgent sleepy;
    static DeviceAgent slow;
    static final java.util.concurrent.CountDownLatch CONSENT = new java.util.concurrent.CountDownLatch(1);
    static ConsoleApp app;
    static Robot robot;
    static FrameFixture main;

    @BeforeAll
    static void start() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        xvnc = XvncServer.start(640, 480);
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        kiosk = agent("kiosk-1", xvnc.port());
        try (ServerSocket closed = new ServerSocket(0)) {
            headless = agent("headless-2", closed.getLocalPort());
        }
        sleepy = agent("sleepy-3", xvnc.port());
        // Its user takes until the test lets them answer, so the connect steps can be watched and cancelled.
        slow = DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), "slow-4",
                dir.resolve("agent-slow-4")).vnc(InetSocketAddress.createUnresolved("127.0.0.1", xvnc.port()))
                .enrollmentToken("enroll-secret").prompt(request -> {
                    try {
                        CONSENT.await(25, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return dev.ums.agent.ConsentPrompt.Answer.accept();
                }).build());
        await().until(() -> kiosk.isConnected() && headless.isConnected() && sleepy.isConnected() && slow.isConnected());
        sleepy.close();
        robot = GuiTests.robot();
        app = ConsoleApp.start(dir.resolve("config"));
    }

    static DeviceAgent agent(String name, int vncPort) throws Exception {
        return GuiTests.agent(server, dir, name, vncPort);
    }

    @AfterAll
    static void stop() throws Exception {
        CONSENT.countDown();
        GuiActionRunnerQuit.quitAndClose(app, robot, kiosk, headless, slow, server, xvnc);
    }

    @Test
    @Order(1)
    void firstLoginShowsTheCertificateAndPinsIt() {
        DialogFixture login = WindowFinder.findDialog("login").withTimeout(20_000).using(robot);
        login.comboBox("server").replaceText(server.baseUrl());
        login.textBox("user").setText("admin");
        login.textBox("password").setText("admin-secret");
        press(login.button("login").target());

        DialogFixture trust = WindowFinder.findDialog("certificateTrust").withTimeout(20_000).using(robot);
        String shown = trust.textBox("fingerprint").text().replace(":", "").replace("\n", "");
        assertThat(shown).isEqualToIgnoringCase(server.fingerprint());
        press(trust.button("trust").target());

        main = WindowFinder.findFrame("main").withTimeout(20_000).using(robot);
        assertThat(app.settings().get().pin("127.0.0.1:" + server.port())).isEqualTo(server.fingerprint());
        assertThat(app.settings().get().lastUser()).isEqualTo("admin");
        assertThat(main.label("connectionState").text()).isNotNull();
    }

    @Test
    @Order(2)
    void theDeviceIsInTheTreeAndTheTableWithItsState() throws Exception {
        ImiClient admin = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        admin.login("admin", "admin-secret".toCharArray());
        TcDirectory kiosks = admin.createDirectory("Kiosks", null);
        admin.moveDevices(kiosks.id(), List.of(kiosk.deviceId()));
        JTableFixture table = main.table("devices");
        await().until(() -> onEdt(() -> table.target().getRowCount()) == 4);
        table.cell("kiosk-1");
        await().until(() -> onEdt(() -> cellText(table, "kiosk-1", 4)).equals("true"));
        await().until(() -> onEdt(() -> cellText(table, "sleepy-3", 4)).equals("false"));
        await().ignoreExceptions().untilAsserted(() -> main.tree("directoryTree").node("All devices/Kiosks/kiosk-1"));
        main.tree("directoryTree").node("All devices/sleepy-3 (offline)");
        main.tree("directoryTree").selectPath("All devices/Kiosks");
        await().until(() -> onEdt(() -> table.target().getRowCount()) == 1);
        main.tree("directoryTree").selectPath("All devices/Kiosks/kiosk-1");
        await().until(() -> onEdt(() -> table.target().getSelectedRow() >= 0
                && "kiosk-1".equals(table.target().getValueAt(table.target().getSelectedRow(), 0))));
        main.tree("directoryTree").selectPath("All devices");
        await().until(() -> onEdt(() -> table.target().getRowCount()) == 4);
        assertThat(main.label("connectionState").text()).startsWith("Connected");
        main.textBox("filter").enterText("kios");
        await().until(() -> onEdt(() -> table.target().getRowCount()) == 1);
        main.textBox("filter").deleteText();
        await().until(() -> onEdt(() -> table.target().getRowCount()) == 4);
    }

    @Test
    @Order(3)
    void doubleClickOpensATabShowingXvncsPixels() throws Exception {
        main.table("devices").cell("kiosk-1").doubleClick();
        SessionTab tab = awaitLiveTab("kiosk-1");
        int[] expected = xvnc.screenPixels();
        await().until(() -> java.util.Arrays.equals(tab.vncSession().framebuffer().copyPixels(), expected));
        assertThat(tab.firstFrameMillis()).isPositive();
        assertThat(tab.stepsText()).contains("✓  Asking the server", "✓  Device accepted", "✓  Tunnel open",
                "✓  First frame");
    }

    @Test
    @Order(4)
    void viewOnlySendsNoInputUntilItIsSwitchedOff() throws Exception {
        SessionTab tab = currentTab();
        // doClick: the toggle's own action, deterministic; the input below goes through the real robot.
        toggleViewOnly();
        assertThat(onEdt(tab::inputLocked)).isTrue();
        String before = pointer();
        java.awt.Component view = main.panel("liveSession").target();
        for (int i = 1; i <= 5; i++) {
            robot.moveMouse(view, 40 * i, 30 * i);
        }
        robot.click(view, new Point(100, 100), MouseButton.LEFT_BUTTON, 1);
        robot.pressAndReleaseKeys(KeyEvent.VK_A, KeyEvent.VK_B);
        Thread.sleep(500);
        assertThat(pointer()).isEqualTo(before);

        toggleViewOnly();
        main.toggleButton("viewOnly").requireNotSelected();
        await().until(() -> !onEdt(tab::inputLocked));
        java.awt.Component vncView = main.robot().finder().findByName(main.target(), "vncView");
        robot.moveMouse(vncView, vncView.getWidth() / 2 + 7, vncView.getHeight() / 2 + 5);
        robot.moveMouse(vncView, vncView.getWidth() / 3, vncView.getHeight() / 3);
        await().until(() -> !pointer().equals(before));
    }

    @Test
    @Order(5)
    void ctrlAltDelAndSendClipboardReachTheDevice() throws Exception {
        try (XKeyLog keys = xvnc.keyLog()) {
            press(main.button("ctrlAltDel").target());
            await().until(() -> keys.events().size() >= 6);
            assertThat(keys.events()).containsExactly("press Control_L", "press Alt_L", "press Delete",
                    "release Delete", "release Alt_L", "release Control_L");
        }
        // The console's own clipboard (on the display the console runs on) goes into the device's.
        String text = "Grüße – 日本 from the console";
        onEdt(() -> {
            java.awt.Toolkit.getDefaultToolkit().getSystemClipboard()
                    .setContents(new java.awt.datatransfer.StringSelection(text), null);
            return null;
        });
        press(main.button("sendClipboard").target());
        await().until(() -> xvnc.clipboardText().equals(text));
        assertThat(onEdt(() -> main.label("notice").target().getText())).isEqualTo("Clipboard sent");
    }

    @Test
    @Order(6)
    void theScreenshotButtonSavesXvncsPixelsAsPng() throws Exception {
        Path png = dir.resolve("shot.png");
        main.button("screenshot").click();
        org.assertj.swing.fixture.JFileChooserFixture chooser =
                org.assertj.swing.finder.JFileChooserFinder.findFileChooser().withTimeout(10_000).using(robot);
        onEdt(() -> {
            chooser.target().setSelectedFile(png.toFile());
            chooser.target().approveSelection();
            return null;
        });
        await().until(() -> Files.exists(png) && Files.size(png) > 0
                && onEdt(() -> main.label("notice").text()).equals("Saved shot.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
        }
        assertThat(rgb).isEqualTo(xvnc.screenPixels());
    }

    @Test
    @Order(7)
    void fullScreenShowsTheDesktopAloneAndComesBack() {
        main.button("fullScreen").click();
        FrameFixture full = WindowFinder.findFrame("fullScreen").withTimeout(10_000).using(robot);
        java.awt.Component view = full.robot().finder().findByName(full.target(), "vncView");
        assertThat(view.getWidth()).isGreaterThan(1000);
        full.button("leaveFullScreen").click();
        await().until(() -> onEdt(() -> !full.target().isDisplayable() && currentTab().isLive()));
        assertThat(onEdt(() -> main.robot().finder().findByName(main.target(), "vncView").isShowing())).isTrue();
    }

    @Test
    @Order(8)
    void aViewOnlySessionFromTheContextMenuCannotBeSwitchedToControl() throws Exception {
        closeCurrentTab();
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("kiosk-1").showPopupMenu().menuItem("shadowViewOnly").click();
        SessionTab tab = awaitLiveTab("kiosk-1");
        main.toggleButton("viewOnly").requireSelected().requireDisabled();
        main.button("ctrlAltDel").requireDisabled();
        assertThat(onEdt(tab::inputLocked)).isTrue();
        assertThat(tab.vncSession().settings().viewOnly()).isTrue();
    }

    @Test
    @Order(9)
    void closingTheTabEndsTheDeviceSideOfTheTunnel() {
        await().until(() -> server.relay().activeSessions() == 1);
        main.tabbedPane("tabs").focus().pressAndReleaseKey(
                org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_W).modifiers(java.awt.event.InputEvent.CTRL_MASK));
        await().until(() -> onEdt(() -> main.tabbedPane("tabs").target().getTabCount()) == 2);
        await().until(() -> server.relay().activeSessions() == 0);
    }

    @Test
    @Order(10)
    void failuresAreOneSentenceInTheTab() {
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("sleepy-3").click();
        main.table("devices").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        assertThat(awaitEndedSentence()).isEqualTo("The device is offline.");
        closeCurrentTab();
        openFromMenu("headless-2", "shadow");
        assertThat(awaitEndedSentence()).containsIgnoringCase("VNC server is not running");
        main.button("reconnect").requireEnabled();
        closeCurrentTab();
    }

    @Test
    @Order(11)
    void whenTheDeviceDropsTheSessionTheTabSaysSoAndReconnects() throws Exception {
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("kiosk-1").doubleClick();
        awaitLiveTab("kiosk-1");
        kiosk.close();
        String sentence = awaitEndedSentence();
        assertThat(sentence).startsWith("The session with kiosk-1 ended: ");
        kiosk = agent("kiosk-1", xvnc.port());
        await().until(kiosk::isConnected);
        main.button("reconnect").click();
        SessionTab tab = awaitLiveTab("kiosk-1");
        assertThat(tab.vncSession().framebuffer().width()).isEqualTo(640);
        closeCurrentTab();
    }

    @Test
    @Order(12)
    void theShadowLogListsTheSessions() {
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("kiosk-1").showPopupMenu().menuItem("shadowLog").click();
        DialogFixture log = WindowFinder.findDialog("shadowLog").withTimeout(10_000).using(robot);
        await().until(() -> onEdt(() -> log.table("shadowLogTable").target().getRowCount()) >= 4);
        String[][] rows = log.table("shadowLogTable").contents();
        assertThat(rows[0]).contains("admin", "console");
        // the outcomes in words, as a user reads them, never the server's codes
        assertThat(Arrays.stream(rows).map(row -> row[5])).contains("Completed")
                .noneMatch(outcome -> outcome.matches("[A-Z_]+"));
        log.close();
    }

    @Test
    @Order(13)
    void anExternalViewerGetsTheSessionThroughTheConsolesProxy() throws Exception {
        Path snapshot = dir.resolve("snapshot.jpg");
        app.settings().change(s -> s.withViewer(ViewerMode.EXTERNAL,
                "vncsnapshot -quiet -encodings raw {host}::{port} '" + snapshot + "'"));
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("kiosk-1").doubleClick();
        String sentence = awaitEndedSentence();
        assertThat(sentence).startsWith("The external viewer closed, so the session ended");
        Matcher fromDevice = Pattern.compile("\\(([0-9.]+) KiB from the device").matcher(sentence);
        assertThat(fromDevice.find()).isTrue();
        // vncsnapshot asked for raw 32-bit pixels: the whole 640×480 screen is 1200 KiB through the proxy.
        assertThat(Double.parseDouble(fromDevice.group(1))).isGreaterThanOrEqualTo(1200.0);
        BufferedImage image = ImageIO.read(snapshot.toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(meanDifference(image, xvnc.screenPixels())).isLessThan(6.0);
        await().until(() -> server.relay().activeSessions() == 0);
        closeCurrentTab();
    }

    @Test
    @Order(14)
    void aMissingViewerProgramIsOneClearSentence() {
        app.settings().change(s -> s.withViewer(ViewerMode.EXTERNAL, "no-such-viewer-ums {host}::{port}"));
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("kiosk-1").showPopupMenu().menuItem("shadowExternal").click();
        assertThat(awaitEndedSentence()).isEqualTo("The external viewer could not be started: the program "
                + "\"no-such-viewer-ums\" was not found or cannot be run (check the viewer command in Settings).");
        await().until(() -> server.relay().activeSessions() == 0);
        closeCurrentTab();
        app.settings().change(s -> s.withViewer(ViewerMode.EMBEDDED, s.externalCommand()));
    }

    @Test
    @Order(14)
    void whatAViewerSaidBeforeItExitedIsQuotedAsOneLineOfBoundedLength() {
        app.settings().change(s -> s.withViewer(ViewerMode.EXTERNAL,
                "sh -c 'printf \"cannot open display\\033[2J%0400d\\n\" 0; exit 3' {host}::{port}"));
        main.tabbedPane("tabs").selectTab(0);
        try {
            main.table("devices").cell("kiosk-1").showPopupMenu().menuItem("shadowExternal").click();
            assertThat(awaitEndedSentence()).isEqualTo("The external viewer \"sh\" exited with code 3 before "
                    + "connecting: cannot open display?[2J" + "0".repeat(300 - "cannot open display?[2J".length())
                    + "….");
            await().until(() -> server.relay().activeSessions() == 0);
            closeCurrentTab();
        } finally {
            app.settings().change(s -> s.withViewer(ViewerMode.EMBEDDED, s.externalCommand()));
        }
    }

    @Test
    @Order(14)
    void anUnusableViewerCommandFromAnOldSettingsFileIsRefusedBeforeTheServerIsAsked() throws Exception {
        ImiClient admin = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        admin.login("admin", "admin-secret".toCharArray());
        int audited = admin.shadowLog(kiosk.deviceId()).size();
        app.settings().change(s -> s.withViewer(ViewerMode.EXTERNAL, "vncviewer '{host}::{port}"));
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("kiosk-1").showPopupMenu().menuItem("shadowExternal").click();
        assertThat(awaitEndedSentence()).isEqualTo("The external viewer command has an unclosed quote (check the "
                + "viewer command in Settings).");
        assertThat(admin.shadowLog(kiosk.deviceId())).hasSize(audited);
        closeCurrentTab();
        app.settings().change(s -> s.withViewer(ViewerMode.EMBEDDED, s.externalCommand()));
    }

    @Test
    @Order(15)
    void connectingShowsItsStepsAndCanBeCancelled() {
        openFromMenu("slow-4", "shadow");
        await().until(() -> onEdt(() -> currentTab().stepsText()).contains("…  Device accepted"));
        assertThat(onEdt(() -> currentTab().stepsText()))
                .contains("✓  Asking the server", "○  Tunnel open", "○  First frame");
        main.button("cancelConnect").click();
        assertThat(awaitEndedSentence()).isEqualTo("Connecting to slow-4 was cancelled.");
        CONSENT.countDown();
        main.button("reconnect").requireEnabled();
        closeCurrentTab();
    }

    @Test
    @Order(16)
    void propertiesShowTheDeviceAndSaveItsShadowSettings() throws Exception {
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("kiosk-1").showPopupMenu().menuItem("properties").click();
        DialogFixture properties = WindowFinder.findDialog("deviceProperties").withTimeout(10_000).using(robot);
        await().until(() -> onEdt(() -> properties.checkBox("allowInput").target().isEnabled()));
        properties.checkBox("allowShadowing").requireSelected();
        properties.checkBox("allowInput").requireSelected();
        press(properties.checkBox("allowInput").target());
        press(properties.button("saveShadowSettings").target());
        await().until(() -> onEdt(() -> properties.label("propertiesStatus").text()).equals("Saved."));
        ImiClient admin = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        admin.login("admin", "admin-secret".toCharArray());
        assertThat(admin.shadowSettings(kiosk.deviceId()).allowInput()).isFalse();
        press(properties.checkBox("allowInput").target());
        press(properties.button("saveShadowSettings").target());
        await().until(() -> admin.shadowSettings(kiosk.deviceId()).allowInput());
        properties.close();
    }

    // Helpers.

    private static void toggleViewOnly() {
        javax.swing.JToggleButton toggle = main.toggleButton("viewOnly").target();
        onEdt(() -> {
            toggle.doClick();
            return null;
        });
    }

    private static String cellText(JTableFixture table, String name, int column) {
        javax.swing.JTable t = table.target();
        for (int r = 0; r < t.getRowCount(); r++) {
            if (name.equals(t.getValueAt(r, 0))) {
                return String.valueOf(t.getValueAt(r, column));
            }
        }
        return "";
    }

    private static void openFromMenu(String device, String item) {
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell(device).showPopupMenu().menuItem(item).click();
    }

    private static SessionTab currentTab() {
        return onEdt(() -> (SessionTab) main.tabbedPane("tabs").target().getSelectedComponent());
    }

    private static SessionTab awaitLiveTab(String device) {
        await().until(() -> onEdt(() -> main.tabbedPane("tabs").target().getSelectedComponent() instanceof SessionTab t
                && t.device().name().equals(device) && t.isLive()));
        return currentTab();
    }

    private static String awaitEndedSentence() {
        await().until(() -> !onEdt(() -> currentTab().endedSentence()).isEmpty());
        return onEdt(() -> currentTab().endedSentence());
    }

    private static void closeCurrentTab() {
        SessionTab tab = currentTab();
        onEdt(() -> {
            tab.requestCloseTab();
            return null;
        });
    }

    private static String pointer() throws Exception {
        String text = new String(xvnc.runClient("xdotool", "getmouselocation"), StandardCharsets.UTF_8);
        return text.replaceAll("\\s*window:.*", "").strip();
    }

    private static double meanDifference(BufferedImage image, int[] expected) {
        long total = 0;
        int w = image.getWidth();
        for (int i = 0; i < expected.length; i++) {
            int a = image.getRGB(i % w, i / w);
            int b = expected[i];
            total += Math.abs(((a >> 16) & 255) - ((b >> 16) & 255)) + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255))
                    + Math.abs((a & 255) - (b & 255));
        }
        return total / (3.0 * expected.length);
    }

}
