package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ums.console.gui.internal.MainWindow;
import dev.ums.console.gui.internal.playback.OpenRecordingAction;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.console.gui.internal.settings.PictureSettings;
import dev.ums.console.gui.internal.settings.Themes;
import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.VncView;
import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.testkit.vnc.ServerCertificate;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.Component;
import java.net.InetSocketAddress;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JPopupMenuFixture;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A walk of every action a user can reach in the console as {@code ums demo} wires it: a real server, gateway and
 * agents with their demo desktops in this process, and the console logged in through {@link DemoConsole}. The robot
 * reaches every item of the menu bar, of the device table's context menu, every button of the main toolbar and of a
 * live session's toolbar, the sessions overview and every dialog these open, and checks that the expected window or
 * effect appears. An exception nothing caught on the event thread fails the walk. The last step compares what was
 * walked with what the windows offer, so an action added later without joining the walk fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWalkIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** The demo's devices whose sessions the server records (its headquarters). */
    private static final Set<String> RECORDED = Set.of("kiosk-1", "kiosk-2");

    @TempDir
    static Path work;
    static DemoCluster cluster;
    static DemoConsole console;
    static final CountDownLatch quit = new CountDownLatch(1);
    static Robot robot;
    static FrameFixture main;
    static final List<Throwable> eventThreadFailures = Collections.synchronizedList(new ArrayList<>());
    /** The buttons and menu items the windows offered along the way, and those the walk used. */
    static final WalkLedger ledger = new WalkLedger();

    @BeforeAll
    static void startDemoAndConsole() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            fail("the console walk needs an X display: set DISPLAY (CI's .ci/run starts Xvfb :99)");
        }
        // A key held past the auto-repeat delay on a loaded machine would press twice (two sessions for one Enter).
        xset("r", "off");
        cluster = DemoCluster.start("127.0.0.1", 0, null);
        DemoConsole.prepare();
        console = DemoConsole.open(cluster, quit::countDown);
        // The console installed its own handler (a dialog and the log); the walk fails on any failure instead.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            failure.printStackTrace();
            eventThreadFailures.add(failure);
        });
        robot = BasicRobot.robotWithCurrentAwtHierarchy();
        robot.settings().delayBetweenEvents(20);
        robot.settings().eventPostingDelay(60);
        main = WindowFinder.findFrame("main").withTimeout(20_000).using(robot);
        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 6);
        main.target().toFront();
    }

    @AfterEach
    void noEventThreadFailure() {
        // A failed step may leave its dialog open; the next step starts from the main window alone.
        onEdt(() -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (w instanceof java.awt.Dialog && w.isShowing()) {
                    w.dispose();
                }
            }
            return null;
        });
        assertThat(eventThreadFailures).as("uncaught exceptions on the event thread").isEmpty();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        if (robot != null) {
            robot.cleanUp();
        }
        if (cluster != null) {
            cluster.close();
        }
        xset("r", "on");
    }

    private static void xset(String... args) {
        List<String> command = new ArrayList<>(List.of("xset"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0).as("%s: %s", command, out).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("xset (package x11-xserver-utils) is needed by the walk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the main window's toolbar and the device table ----

    @Test
    @Order(1)
    void toolbarShadowOpensALiveSessionAndTheSessionToolbarWorks() throws Exception {
        offerAll(main.toolBar("mainToolbar").target());
        selectDevice("kiosk-1");
        click("tb-shadow");
        SessionTab tab = awaitLiveSession("kiosk-1");
        JComponent sessionBar = (JComponent) robot.finder().findByName(tab, "sessionToolbar", true);
        offerAll(sessionBar);

        // Refresh asks for the whole screen: a notice, and updates arrive
        long before = onEdt(() -> tab.vncSession().updateCount());
        click("sessionRefresh");
        await().until(() -> onEdt(() -> label(tab, "notice").getText()).equals("Full update requested"));
        await().until(() -> onEdt(() -> tab.vncSession().updateCount()) > before);

        // The figures line: rates and the picture quality in use, from the session's own statistics
        await().until(() -> onEdt(tab::figuresText).contains("updates/s"));
        assertThat(onEdt(tab::figuresText)).contains("KiB/s", "(auto)");

        // View only switches the running session to watching and back
        click("viewOnly");
        await().until(() -> onEdt(() -> tab.inputLocked() && tab.vncSession().viewOnly()));
        click("viewOnly");
        await().until(() -> onEdt(() -> !tab.inputLocked() && !tab.vncSession().viewOnly()));

        // 100 % shows the desktop at its own size with scroll bars; Fit (automatic) inside the tab, 1:1 when it fits
        VncView view = (VncView) robot.finder().findByName(tab, "vncView", true);
        click("scaleActual");
        await().until(() -> onEdt(() -> view.getWidth() == tab.vncSession().framebuffer().width()));
        click("scaleFit");
        await().until(() -> onEdt(() -> view.scaling() == VncView.Scaling.AUTO
                && view.getWidth() == view.getParent().getWidth() && view.getHeight() == view.getParent().getHeight()));
        assertThat(onEdt(() -> view.scale())).isEqualTo(onEdt(() -> Math.min(1.0, Math.min(
                (double) view.getWidth() / tab.vncSession().framebuffer().width(),
                (double) view.getHeight() / tab.vncSession().framebuffer().height()))));

        // Ctrl+Alt+Del goes out and the session stays live
        click("ctrlAltDel");
        Thread.sleep(300);
        assertThat(onEdt(tab::isLive)).isTrue();

        // Send clipboard types this computer's clipboard into the device's
        onEdt(() -> {
            Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection("from the walk"), null);
            return null;
        });
        click("sendClipboard");
        await().until(() -> onEdt(() -> label(tab, "notice").getText()).equals("Clipboard sent"));

        // Screenshot: a file chooser, then a PNG of the desktop's size
        click("screenshot");
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser().withTimeout(10_000).using(robot);
        Path png = work.resolve("walk-shot.png");
        // chosen on the event thread: a robot typing into the chooser's field raced its own updates under load
        onEdt(() -> {
            chooser.target().setSelectedFile(png.toFile());
            chooser.target().approveSelection();
            return null;
        });
        await().until(() -> Files.exists(png) && Files.size(png) > 1000);
        await().until(() -> onEdt(() -> label(tab, "notice").getText()).equals("Saved walk-shot.png"));
        BufferedImage shot = javax.imageio.ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(onEdt(() -> tab.vncSession().framebuffer().width()));

        // Full screen: its own window, and back
        click("fullScreen");
        FrameFixture full = WindowFinder.findFrame("fullScreen").withTimeout(10_000).using(robot);
        full.button("leaveFullScreen").click();
        ledger.walk("leaveFullScreen");
        await().until(() -> onEdt(() -> !full.target().isShowing()));
        await().until(() -> onEdt(() -> view.isShowing()));

        // Disconnect ends the session; Reconnect opens it again
        click("disconnect");
        await().until(() -> onEdt(tab::endedSentence).contains("was ended"));
        click("reconnect");
        awaitLive(tab);
    }

    @Test
    @Order(2)
    void refreshReloadsTheDeviceList() throws Exception {
        // A long poll interval, so only Refresh updates the status line's time within the wait
        DialogFixture settings = openSettingsFromMenu();
        settings.spinner("pollSeconds").select(60);
        press(settings.target(), "settingsOk");
        settings.requireNotVisible();
        assertThat(console.app().settings().get().pollSeconds()).isEqualTo(60);
        Thread.sleep(1500);
        for (String how : List.of("tb-refresh", "menuRefresh", "F5")) {
            String before = onEdt(() -> mainWindow().statusBar().connectionText());
            Thread.sleep(1100);
            if (how.equals("F5")) {
                selectDevice("kiosk-1");
                main.table("devices").pressAndReleaseKeys(KeyEvent.VK_F5);
                ledger.walk("F5");
            } else if (how.startsWith("menu")) {
                menu(how);
            } else {
                click(how);
            }
            await().until(() -> !onEdt(() -> mainWindow().statusBar().connectionText()).equals(before));
        }
    }

    @Test
    @Order(3)
    void theDeviceMenuReachesEveryDeviceAction() throws Exception {
        offerAll(main.menuItem("menuDevice").target());
        selectDevice("kiosk-2");
        menu("menu-shadowViewOnly");
        SessionTab viewOnly = awaitLiveSession("kiosk-2");
        assertThat(onEdt(viewOnly::title)).isEqualTo("kiosk-2 (view only)");
        assertThat(onEdt(viewOnly::inputLocked)).isTrue();

        selectDevice("kiosk-2");
        menu("menu-shadow");
        awaitLiveSession("kiosk-2");

        selectDevice("kiosk-2");
        menu("menu-shadowExternal");
        awaitExternalSession("kiosk-2");

        selectDevice("kiosk-2");
        menu("menu-shadowLog");
        walkShadowLog("kiosk-2");

        selectDevice("kiosk-2");
        menu("menu-properties");
        walkProperties("kiosk-2");
    }

    @Test
    @Order(4)
    void theToolbarReachesTheRestOfTheDeviceActions() throws Exception {
        selectDevice("kiosk-1");
        click("tb-shadowViewOnly");
        SessionTab tab = awaitLiveSession("kiosk-1");
        assertThat(onEdt(tab::title)).isEqualTo("kiosk-1 (view only)");

        selectDevice("kiosk-1");
        click("tb-shadowExternal");
        awaitExternalSession("kiosk-1");

        selectDevice("kiosk-1");
        click("tb-shadowLog");
        walkShadowLog("kiosk-1");

        selectDevice("kiosk-1");
        click("tb-properties");
        walkProperties("kiosk-1");
    }

    @Test
    @Order(5)
    void theContextMenuReachesEveryDeviceAction() throws Exception {
        for (String action : List.of("shadow", "shadowViewOnly", "shadowExternal", "shadowLog", "properties")) {
            main.tabbedPane("tabs").selectTab(0);
            JPopupMenuFixture popup = main.table("devices").cell("branch-1").showPopupMenu();
            offerAll(popup.target());
            popup.menuItem(action).click();
            ledger.walk(action);
            switch (action) {
                case "shadow" -> awaitLiveSession("branch-1");
                case "shadowViewOnly" -> assertThat(onEdt(awaitLiveSession("branch-1")::inputLocked)).isTrue();
                case "shadowExternal" -> awaitExternalSession("branch-1");
                case "shadowLog" -> walkShadowLog("branch-1");
                default -> walkProperties("branch-1");
            }
        }
    }

    @Test
    @Order(6)
    void enterAndDoubleClickInTheTableShadow() {
        int before = onEdt(() -> mainWindow().sessions().sessions().size());
        selectDevice("legacy-1");
        main.table("devices").pressAndReleaseKeys(KeyEvent.VK_ENTER);
        ledger.walk("table Enter");
        awaitLiveSession("legacy-1");
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell("legacy-2").doubleClick();
        ledger.walk("table double-click");
        awaitLiveSession("legacy-2");

        // the directory tree: Enter and a double-click on a device shadow it too
        main.tabbedPane("tabs").selectTab(0);
        int kiosk = treeRow("kiosk-2");
        main.tree("directoryTree").clickRow(kiosk).pressAndReleaseKeys(KeyEvent.VK_ENTER);
        ledger.walk("tree Enter");
        awaitLiveSession("kiosk-2");
        main.tabbedPane("tabs").selectTab(0);
        main.tree("directoryTree").doubleClickRow(treeRow("branch-1"));
        ledger.walk("tree double-click");
        awaitLiveSession("branch-1");
        main.tabbedPane("tabs").selectTab(0);
        main.tree("directoryTree").clickRow(0);
        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 6);
        assertThat(onEdt(() -> mainWindow().sessions().sessions().stream().map(SessionTab::title).toList()))
                .as("sessions open after Enter and double-click in the table and the tree").hasSize(before + 4);
    }

    private static int treeRow(String name) {
        javax.swing.JTree tree = main.tree("directoryTree").target();
        // every directory open (set-up, not a step of the walk: a robot click on a handle is easily lost)
        onEdt(() -> {
            for (int row = 0; row < tree.getRowCount(); row++) {
                tree.expandRow(row);
            }
            return null;
        });
        return onEdt(() -> {
            for (int row = 0; row < tree.getRowCount(); row++) {
                if (String.valueOf(((javax.swing.tree.DefaultMutableTreeNode) tree.getPathForRow(row)
                        .getLastPathComponent()).getUserObject()).equals(name)) {
                    return row;
                }
            }
            throw new AssertionError(name + " is not in the directory tree");
        });
    }

    // ---- the sessions overview ----

    @Test
    @Order(7)
    void theSessionsOverviewShowsEverySessionLiveAndSwitchesToIt() throws Exception {
        selectDevice("kiosk-1");
        main.table("devices").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_S)
                .modifiers(java.awt.event.InputEvent.CTRL_MASK, java.awt.event.InputEvent.SHIFT_MASK));
        ledger.walk("ctrl shift S");
        await().until(() -> onEdt(() -> mainWindow().sessions().overviewShown()));
        List<SessionTab> open = onEdt(() -> mainWindow().sessions().sessions());
        assertThat(onEdt(() -> mainWindow().sessions().overviewDevices()))
                .containsExactlyElementsOf(open.stream().map(t -> t.device().name()).toList());
        SessionTab legacy = open.stream().filter(t -> onEdt(t::title).equals("legacy-2")).findFirst().orElseThrow();
        JComponent tile = (JComponent) robot.finder().findByName(main.target(), "tile-legacy-2", true);
        // figures come once a second, the thumbnail shows the demo desktop (many colours, not a blank box)
        await().until(() -> onEdt(() -> mainWindow().sessions().overviewFigures(legacy)).contains("updates/s"));
        assertThat(colours(tile)).as("colours in legacy-2's thumbnail").isGreaterThan(16);

        onEdt(() -> {
            tile.scrollRectToVisible(new java.awt.Rectangle(tile.getSize()));
            return null;
        });
        robot.click(tile);
        await().until(() -> onEdt(() -> mainWindow().sessions().component().getSelectedComponent()) == legacy);

        menu("menuOverview");
        await().until(() -> onEdt(() -> mainWindow().sessions().overviewShown()));
        SessionTab first = open.get(0);
        await().until(() -> onEdt(() -> tile(first).isFocusOwner()));
        robot.pressAndReleaseKey(KeyEvent.VK_ENTER);
        await().until(() -> onEdt(() -> mainWindow().sessions().component().getSelectedComponent()) == first);

        // Ctrl+W closes the shown session, and its tile goes with it
        main.tabbedPane("tabs").focus().pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_W)
                .modifiers(java.awt.event.InputEvent.CTRL_MASK));
        ledger.walk("ctrl W");
        await().until(() -> !onEdt(() -> mainWindow().sessions().sessions()).contains(first));
        await().until(() -> onEdt(() -> mainWindow().sessions().overviewDevices()).size() == open.size() - 1);
    }

    // ---- the Console and View menus ----

    @Test
    @Order(8)
    void settingsChangeTheThemeAndFindFocusesTheFilter() {
        offerAll(main.menuItem("menuConsole").target());
        offerAll(main.menuItem("menuView").target());
        DialogFixture settings = openSettingsFromMenu();
        choose(settings, "theme", "Dark");
        press(settings.target(), "settingsOk");
        await().until(() -> onEdt(Themes::isDark));
        // Ctrl+, opens it too; Cancel leaves the settings alone
        selectDevice("kiosk-1");
        main.table("devices").pressAndReleaseKey(org.assertj.swing.core.KeyPressInfo.keyCode(KeyEvent.VK_COMMA)
                .modifiers(java.awt.event.InputEvent.CTRL_MASK));
        ledger.walk("ctrl COMMA");
        DialogFixture again = WindowFinder.findDialog("settings").withTimeout(10_000).using(robot);
        again.comboBox("theme").selectItem("Light");
        press(again.target(), "viewerExternal");
        again.textBox("externalCommand").requireEnabled();
        press(again.target(), "viewerEmbedded");
        again.textBox("externalCommand").requireDisabled();
        press(again.target(), "settingsCancel");
        again.requireNotVisible();
        assertThat(onEdt(Themes::isDark)).isTrue();
        DialogFixture third = openSettingsFromMenu();
        choose(third, "theme", "Light");
        // The picture of sessions opened from now on: JPEG 6 with compression 2 (the next step's session shows it)
        choose(third, "quality", "JPEG 6");
        choose(third, "compression", "2");
        third.comboBox("encoding").requireSelection("Automatic (Tight first)");
        third.comboBox("colour").requireSelection("Full colour");
        press(third.target(), "settingsOk");
        await().until(() -> !onEdt(Themes::isDark));
        assertThat(console.app().settings().get().picture())
                .isEqualTo(new PictureSettings(6, 2, null, ColorDepth.TRUE_COLOR_24));

        menu("menuFind");
        JTextField filter = (JTextField) main.textBox("filter").target();
        await().until(() -> onEdt(filter::isFocusOwner));
        main.textBox("filter").enterText("kiosk");
        ledger.walk("filter");
        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 2);
        main.textBox("filter").deleteText();
        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 6);
    }

    // ---- re-enrollments ----

    @Test
    @Order(9)
    void aPendingReenrollmentIsListedAndRejected() throws Exception {
        String unitId = AdminRest.login(cluster).fileReenrollment("kiosk-1");
        menu("menuReenrollments");
        DialogFixture dialog = WindowFinder.findDialog("reenrollments").withTimeout(10_000).using(robot);
        offerAll(dialog.target());
        JTable table = dialog.table("reenrollmentsTable").target();
        await().until(() -> onEdt(table::getRowCount) == 1);
        assertThat(onEdt(() -> String.valueOf(table.getValueAt(0, 2)))).isEqualTo(unitId);
        dialog.table("reenrollmentsTable").selectRows(0);
        // Approve asks first; Cancel leaves the device as it is
        ask(dialog.target(), "reenrollmentsApprove");
        answer("Approve re-enrollment", "Cancel");
        assertThat(onEdt(table::getRowCount)).isEqualTo(1);
        ask(dialog.target(), "reenrollmentsReject");
        answer("Reject re-enrollment", "Reject");
        await().until(() -> onEdt(table::getRowCount) == 0);
        press(dialog.target(), "reenrollmentsRefresh");
        awaitText(() -> dialog.label("reenrollmentsStatus").target().getText(), "no re-enrollment waits");
        press(dialog.target(), "reenrollmentsClose");
        dialog.requireNotVisible();
        assertThat(cluster.onlineDevices()).contains("kiosk-1");
    }

    /** Presses a button that opens a modal confirmation, without waiting for the confirmation to end. */
    private static void ask(Container in, String name) {
        AbstractButton button = onEdt(() -> (AbstractButton) robot.finder().findByName(in, name, true));
        SwingUtilities.invokeLater(button::doClick);
        ledger.walk(name);
    }

    /** Presses {@code text} in the showing confirmation titled {@code title}, and waits until it is gone. */
    private static void answer(String title, String text) {
        DialogFixture confirmation = WindowFinder.findDialog(new GenericTypeMatcher<>(java.awt.Dialog.class) {
            @Override
            protected boolean isMatching(java.awt.Dialog d) {
                return title.equals(d.getTitle()) && d.isShowing();
            }
        }).withTimeout(10_000).using(robot);
        pressNow(showingButton(confirmation.target(), b -> text.equals(b.getText())));
        await().until(() -> !onEdt(confirmation.target()::isShowing));
    }

// ---- a device whose VNC server wants a password and has a certificate ----

    @Test
    @Order(10)
    void aDeviceBehindX509AndAPasswordAsksForBoth() throws Exception {
        ServerCertificate certificate = ServerCertificate.create(work.resolve("vault"), "vault-1");
        Path passwordFile = XvncServer.passwordFile(work.resolve("vault"), "walk-secret");
        try (XvncServer xvnc = XvncServer.startWithSecurity(320, 240, "-SecurityTypes", "X509Vnc", "-X509Cert",
                certificate.cert().toString(), "-X509Key", certificate.key().toString(), "-PasswordFile",
                passwordFile.toString());
             DeviceAgent vault = DeviceAgent.start(AgentConfig.builder(cluster.serverUrl(), cluster.fingerprint(),
                     "vault-1", work.resolve("agent-vault")).vnc(InetSocketAddress.createUnresolved("127.0.0.1", xvnc.port()))
                     .promptUser(false).enrollmentToken(AdminRest.login(cluster).newEnrollmentToken()).build())) {
            await().until(vault::isConnected);
            // The poll interval is a minute since step 2: Refresh brings the new device into the list.
            await().pollInterval(Duration.ofSeconds(1)).until(() -> {
                onEdt(() -> {
                    main.button("tb-refresh").target().doClick();
                    return null;
                });
                return onEdt(() -> main.table("devices").target().getRowCount()) == 7;
            });
            selectDevice("vault-1");
            click("tb-shadow");
            SessionTab tab = await().until(() -> onEdt(() -> mainWindow().sessions().component().getSelectedComponent()),
                    c -> c instanceof SessionTab t && t.device().name().equals("vault-1")) instanceof SessionTab t ? t : null;
            // First contact: the certificate is remembered silently, the password asked for
            typePassword("walk-secret");
            awaitLive(tab);
            assertThat(tab.vncSession().security()).isEqualTo("X509Vnc");
            assertThat(tab.vncSession().quality().describe()).startsWith("Tight JPEG 6, compression 2");
            await().until(() -> onEdt(tab::figuresText).contains("Tight JPEG 6, compression 2, full colour"));
            Path known = cluster.dataDir().resolve("console").resolve("known-vnc-certificates");
            String line = Files.readString(known).strip();
            assertThat(line).matches("\\S+ [0-9a-f]{64}");

            // A changed certificate asks; Cancel (the default) refuses and the old one stays
            String changed = line.substring(0, line.indexOf(' ') + 1) + "ab".repeat(32);
            Files.writeString(known, changed + "\n");
            click("disconnect");
            await().until(() -> onEdt(tab::endedSentence).contains("was ended"));
            click("reconnect");
            pressInDialog("VNC server certificate changed", "Cancel");
            await().until(() -> onEdt(tab::endedSentence).contains("differs from the one trusted before"));
            assertThat(Files.readString(known).strip()).isEqualTo(changed);

            // Confirmed, it is trusted from now on
            press(tab, "reconnect");
            pressInDialog("VNC server certificate changed", "Trust the new certificate");
            typePassword("walk-secret");
            awaitLive(tab);
            assertThat(Files.readString(known).strip()).isEqualTo(line);
            press(tab, "disconnect");
            press(tab, "closeTab");
            await().until(() -> !onEdt(() -> mainWindow().sessions().sessions()).contains(tab));
        }
    }

    /** Picks {@code item} in a combo box through its popup, again if a click under load missed it. */
    private static void choose(DialogFixture dialog, String combo, String item) {
        await().untilAsserted(() -> {
            dialog.comboBox(combo).selectItem(item);
            dialog.comboBox(combo).requireSelection(item);
        });
    }

    private static void typePassword(String password) {
        DialogFixture ask = dialogTitled("VNC password");
        ask.textBox("vncPassword").setText(password);
        pressInDialog("VNC password", "OK");
    }

    private static void pressInDialog(String title, String text) {
        DialogFixture dialog = dialogTitled(title);
        AbstractButton button = onEdt(() -> (AbstractButton) robot.finder().find(dialog.target(),
                new GenericTypeMatcher<>(AbstractButton.class) {
                    @Override
                    protected boolean isMatching(AbstractButton b) {
                        return text.equals(b.getText()) && b.isShowing();
                    }
                }));
        onEdt(() -> {
            button.doClick();
            return null;
        });
        ledger.walk(title + ": " + text);
    }

    private static DialogFixture dialogTitled(String title) {
        return WindowFinder.findDialog(new GenericTypeMatcher<>(javax.swing.JDialog.class) {
            @Override
            protected boolean isMatching(javax.swing.JDialog dialog) {
                return title.equals(dialog.getTitle()) && dialog.isShowing();
            }
        }).withTimeout(20_000).using(robot);
    }

    @Test
    @Order(11)
    void openRecordingPlaysARecordingFileFromThisComputer() throws Exception {
        Path recording;
        try (Stream<Path> files = Files.list(cluster.dataDir().resolve("server").resolve("recordings"))) {
            recording = files.filter(f -> f.toString().endsWith(".umsrec")).findFirst().orElseThrow();
        }
        menu("menuOpenRecording");
        pressNow(recordingChooser().cancelButton().target());

        click("tb-openRecording");
        JFileChooserFixture chooser = recordingChooser();
        chooser.fileNameTextBox().setText(recording.toString());
        pressNow(chooser.approveButton().target());
        FrameFixture player = WindowFinder.findFrame("player").withTimeout(30_000).using(robot);
        assertThat(onEdt(() -> player.target().getTitle())).isEqualTo("Recording – " + recording.getFileName());
        onEdt(() -> {
            player.target().dispose();
            return null;
        });
    }

    private static JFileChooserFixture recordingChooser() {
        return JFileChooserFinder.findFileChooser(OpenRecordingAction.CHOOSER).withTimeout(20_000).using(robot);
    }

    @Test
    @Order(12)
    void everyOfferedActionWasWalked() {
        // Log out and Quit end the console: the next two steps walk them.
        Set<String> missing = ledger.missing(Set.of("menuLogout", "menuQuit"));
        Set<String> walked = ledger.walked();
        assertThat(missing).as("actions the windows offer that the walk did not reach (walked: %s)", walked).isEmpty();
        System.out.println("walked " + walked.size() + " actions: " + walked);
    }

    @Test
    @Order(13)
    void logOutEndsTheDemoConsole() throws Exception {

        menu("menuLogout");
        assertThat(quit.await(20, TimeUnit.SECONDS)).as("the demo was told the console ended").isTrue();
        assertThat(onEdt(() -> main.target().isDisplayable())).isFalse();
    }

    @Test
    @Order(14)
    void quitEndsASecondConsole() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        console = DemoConsole.open(cluster, second::countDown);
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> eventThreadFailures.add(failure));
        main = WindowFinder.findFrame(new GenericTypeMatcher<>(javax.swing.JFrame.class) {
            @Override
            protected boolean isMatching(javax.swing.JFrame frame) {
                return "main".equals(frame.getName()) && frame.isShowing();
            }
        }).withTimeout(20_000).using(robot);

        menu("menuQuit");
        assertThat(second.await(20, TimeUnit.SECONDS)).as("the second console ended").isTrue();
    }

    // ---- dialogs ----

    private static void walkShadowLog(String device) {
        DialogFixture log = WindowFinder.findDialog("shadowLog").withTimeout(10_000).using(robot);
        assertThat(log.target().getTitle()).isEqualTo("Shadow log – " + device);
        JTable table = log.table("shadowLogTable").target();
        await().until(() -> onEdt(table::getRowCount) > 0);
        // every column shows its widest cell whole, once the window has grown to them
        await().untilAsserted(() -> onEdt(() -> {
            for (int c = 0; c < table.getColumnCount() - 1; c++) {
                for (int r = 0; r < table.getRowCount(); r++) {
                    Component cell = table.prepareRenderer(table.getCellRenderer(r, c), r, c);
                    assertThat(table.getColumnModel().getColumn(c).getWidth())
                            .as("width of column %s", table.getColumnName(c))
                            .isGreaterThanOrEqualTo(Math.min(cell.getPreferredSize().width, 320));
                }
            }
            assertThat(String.valueOf(table.getValueAt(0, 0))).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            return null;
        }));
        offerAll(log.target());
        // the demo records the sessions of its headquarters' devices (kiosk-1, kiosk-2): Play is offered there only
        if (RECORDED.contains(device)) {
            walkPlayer(log, table);
        } else {
            assertThat(onEdt(() -> namedButton(log.target(), "shadowLogPlay").isVisible())).as("Play for " + device)
                    .isFalse();
        }
        press(log.target(), "shadowLogRefresh");
        await().until(() -> onEdt(() -> log.label("shadowLogStatus").target().getText()).endsWith("logged"));
        press(log.target(), "shadowLogClose");
        log.requireNotVisible();
    }

    /** Selects the newest recorded session, presses Play, plays the recording and closes the player. */
    private static void walkPlayer(DialogFixture log, JTable table) {
        int recorded = onEdt(() -> {
            for (int r = 0; r < table.getRowCount(); r++) {
                table.setRowSelectionInterval(r, r);
                if (namedButton(log.target(), "shadowLogPlay").isEnabled()) {
                    return r;
                }
            }
            return -1;
        });
        assertThat(recorded).as("a recorded session to play").isNotNegative();
        press(log.target(), "shadowLogPlay");
        FrameFixture player = WindowFinder.findFrame("player").withTimeout(30_000).using(robot);
        await().until(() -> onEdt(() -> robot.finder().findAll(player.target(),
                new GenericTypeMatcher<>(AbstractButton.class) {
                    @Override
                    protected boolean isMatching(AbstractButton b) {
                        return "playerPlay".equals(b.getName()) && b.isShowing();
                    }
                }).size()) == 1);
        offerAll(player.target());
        press(player.target(), "playerPlay");
        await().until(() -> onEdt(() -> showingButton(player.target(), b -> "playerPlay".equals(b.getName()))
                .getText()).equals("Play"));
        onEdt(() -> {
            player.target().dispose();
            return null;
        });
    }

    private static void walkProperties(String device) {
        DialogFixture properties = WindowFinder.findDialog("deviceProperties").withTimeout(10_000).using(robot);
        assertThat(properties.label("fact-Name").text()).isEqualTo(device);
        assertThat(properties.label("fact-State").text()).isEqualTo("online");
        await().until(() -> onEdt(() -> properties.button("saveShadowSettings").target().isEnabled()));
        offerAll(properties.target());
        press(properties.target(), "saveShadowSettings");
        awaitText(() -> properties.label("propertiesStatus").target().getText(), "Saved.");
        for (String box : List.of("allowShadowing", "promptUser", "allowInput", "allowUserDisconnect")) {
            boolean was = onEdt(() -> properties.checkBox(box).target().isSelected());
            press(properties.target(), box);
            properties.checkBox(box).requireSelected(!was);
            press(properties.target(), box);
            properties.checkBox(box).requireSelected(was);
        }
        properties.comboBox("indicatorPosition").requireSelection("Top right");
        properties.comboBox("indicatorPosition").selectItem("Bottom left");
        properties.comboBox("indicatorPosition").requireSelection("Bottom left");
        properties.comboBox("indicatorPosition").selectItem("Top right");
        press(properties.target(), "propertiesClose");
        properties.requireNotVisible();
    }

    private static DialogFixture openSettingsFromMenu() {
        menu("menuSettings");
        DialogFixture settings = WindowFinder.findDialog("settings").withTimeout(10_000).using(robot);
        offerAll(settings.target());
        return settings;
    }

    // ---- helpers ----

    /** Waits until {@code read} gives {@code expected}; a timeout fails with what it gave last. */
    private static void awaitText(Callable<String> read, String expected) {
        try {
            await().until(() -> expected.equals(onEdt(read)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(onEdt(read)).isEqualTo(expected);
        }
    }

    private static MainWindow mainWindow() {
        return console.app().mainWindow();
    }

    private static void selectDevice(String name) {
        main.tabbedPane("tabs").selectTab(0);
        main.table("devices").cell(name).click();
        await().until(() -> onEdt(() -> mainWindow().sessions() != null
                && main.button("tb-shadow").target().isEnabled()));
    }

    /** Clicks the showing button named {@code name} with the robot. */
    private static void click(String name) {
        Component button = robot.finder().find(main.target(), new GenericTypeMatcher<>(AbstractButton.class) {
            @Override
            protected boolean isMatching(AbstractButton b) {
                return name.equals(b.getName()) && b.isShowing();
            }
        });
        robot.click(button);
        robot.waitForIdle();
        ledger.walk(name);
    }

    private static void menu(String name) {
        main.menuItem(name).click();
        ledger.walk(name);
    }

    private static SessionTab awaitLiveSession(String device) {
        SessionTab tab = await().until(() -> onEdt(() -> mainWindow().sessions().component().getSelectedComponent()),
                c -> c instanceof SessionTab t && t.device().name().equals(device)) instanceof SessionTab t ? t : null;
        awaitLive(tab);
        return tab;
    }

    private static void awaitLive(SessionTab tab) {
        await().until(() -> onEdt(tab::isLive) || !onEdt(tab::endedSentence).isEmpty());
        assertThat(onEdt(tab::endedSentence)).as("how the session with %s ended", tab.device().name()).isEmpty();
    }

    private static void awaitExternalSession(String device) {
        SessionTab tab = await().until(() -> onEdt(() -> mainWindow().sessions().component().getSelectedComponent()),
                c -> c instanceof SessionTab t && t.device().name().equals(device)) instanceof SessionTab t ? t : null;
        await().until(() -> onEdt(tab::externalRun) != null || !onEdt(tab::endedSentence).isEmpty());
        assertThat(onEdt(tab::endedSentence)).as("how the external session with %s ended", device).isEmpty();
        assertThat(onEdt(tab::state)).isEqualTo("In the external viewer");
        assertThat(onEdt(tab::title)).isEqualTo(device + " (external)");
        // The viewer's window may cover the console (no window manager here), so these two presses skip the robot.
        press(tab, "disconnect");
        await().until(() -> onEdt(tab::endedSentence).contains("was ended"));
        press(tab, "closeTab");
        await().until(() -> !onEdt(() -> mainWindow().sessions().sessions()).contains(tab));
        main.target().toFront();
    }

    private static void press(Container in, String name) {
        pressNow(showingButton(in, b -> name.equals(b.getName())));
        ledger.walk(name);
    }

    /** The button called {@code name} inside {@code in}, shown or not. */
    private static AbstractButton namedButton(Container in, String name) {
        return onEdt(() -> robot.finder().find(in, new GenericTypeMatcher<>(AbstractButton.class, false) {
            @Override
            protected boolean isMatching(AbstractButton b) {
                return name.equals(b.getName());
            }
        }));
    }

    /** The showing button inside {@code in} that {@code which} accepts. */
    private static AbstractButton showingButton(Container in, Predicate<AbstractButton> which) {
        return onEdt(() -> robot.finder().find(in, new GenericTypeMatcher<>(AbstractButton.class) {
            @Override
            protected boolean isMatching(AbstractButton b) {
                return which.test(b) && b.isShowing();
            }
        }));
    }

    /** Presses {@code button} through its action on the event thread and returns when that is done. */
    private static void pressNow(AbstractButton button) {
        onEdt(() -> {
            button.doClick();
            return null;
        });
    }

    private static Component tile(SessionTab tab) {
        return robot.finder().findByName(main.target(), "tile-" + tab.title(), false);
    }

    private static JLabel label(Container in, String name) {
        return (JLabel) robot.finder().findByName(in, name, false);
    }

    /** Distinct colours in the component as painted now. */
    private static int colours(JComponent c) {
        return onEdt(() -> {
            BufferedImage image = new BufferedImage(c.getWidth(), c.getHeight(), BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            c.paint(g);
            g.dispose();
            Set<Integer> seen = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    seen.add(image.getRGB(x, y));
                }
            }
            return seen.size();
        });
    }

    /** Records the names of every button and menu item inside {@code root} as offered to the user. */
    private static void offerAll(Object root) {
        onEdt(() -> {
            ledger.offer(root);
            return null;
        });
    }

    private static <T> T onEdt(Callable<T> read) {
        if (SwingUtilities.isEventDispatchThread()) {
            try {
                return read.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return GuiActionRunner.execute(read);
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptionsMatching(
                (Predicate<Throwable>) e -> false);
    }
}
