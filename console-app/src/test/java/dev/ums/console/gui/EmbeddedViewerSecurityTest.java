package dev.ums.console.gui;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;
import static dev.ums.console.gui.GuiTests.press;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.ServerCertificate;
import dev.ums.testkit.vnc.XvncServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded viewer against devices whose VNC servers want more than None: a real Xvnc asking for a VNC password
 * (the console asks in a dialog; Cancel ends the attempt with a sentence) and a real Xvnc with VeNCrypt X509None and
 * a certificate made by openssl (trusted on first use and remembered beside the settings; a changed one asks, Enter
 * refuses, and only "Trust the new certificate" replaces it). Devices, server and tunnels are real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedViewerSecurityTest {
    private static final String PASSWORD = "secret-7";

    @TempDir
    static Path dir;
    static XvncServer locked;
    static XvncServer x509;
    static String x509Fingerprint;
    static UmsServer server;
    static DeviceAgent lockedAgent;
    static DeviceAgent x509Agent;
    static ConsoleApp app;
    static Robot robot;
    static FrameFixture main;

    @BeforeAll
    static void start() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        locked = XvncServer.startWithPassword(320, 240, PASSWORD);
        ServerCertificate certificate = ServerCertificate.create(dir.resolve("xvnc"), "device-vnc");
        x509Fingerprint = certificate.sha256();
        x509 = XvncServer.startWithSecurity(320, 240, "-SecurityTypes", "X509None", "-X509Cert",
                certificate.cert().toString(), "-X509Key", certificate.key().toString());
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        lockedAgent = GuiTests.agent(server, dir, "locked-1", locked.port());
        x509Agent = GuiTests.agent(server, dir, "x509-2", x509.port());
        await().until(() -> lockedAgent.isConnected() && x509Agent.isConnected());
        ImiClient client = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        client.login("admin", "admin-secret".toCharArray());
        robot = GuiTests.robot();
        app = ConsoleApp.startLoggedIn(client, "admin", dir.resolve("config"));
        main = WindowFinder.findFrame("main").withTimeout(20_000).using(robot);
        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        GuiActionRunnerQuit.quitAndClose(app, robot, lockedAgent, x509Agent, server, locked, x509);
    }

    @Test
    @Order(1)
    void aDeviceAskingForAPasswordGetsItFromADialog() throws Exception {
        SessionTab tab = shadow("locked-1");
        DialogFixture ask = dialogTitled("VNC password");
        assertThat(ask.label(new GenericTypeMatcher<>(javax.swing.JLabel.class) {
            @Override
            protected boolean isMatching(javax.swing.JLabel label) {
                return label.getText() != null && label.getText().contains("locked-1");
            }
        }).text()).isEqualTo("The VNC server at locked-1 asks for a password.");
        ask.textBox("vncPassword").setText(PASSWORD);
        press(button(ask, "OK"));
        await().until(() -> onEdt(tab::isLive) || !onEdt(tab::endedSentence).isEmpty());
        assertThat(onEdt(tab::endedSentence)).isEmpty();
        int[] expected = locked.screenPixels();
        await().until(() -> java.util.Arrays.equals(tab.vncSession().framebuffer().copyPixels(), expected));
        assertThat(tab.vncSession().security()).isEqualTo("VncAuth");
    }

    @Test
    @Order(2)
    void cancellingThePasswordEndsTheAttemptWithASentence() {
        SessionTab tab = shadow("locked-1");
        DialogFixture ask = dialogTitled("VNC password");
        press(button(ask, "Cancel"));
        await().until(() -> !onEdt(tab::endedSentence).isEmpty());
        assertThat(onEdt(tab::endedSentence)).isEqualTo("The session with locked-1 ended: the VNC server asks for a "
                + "password, but none was given.");
    }

    @Test
    @Order(3)
    void anX509CertificateIsTrustedOnFirstUseAndRemembered() throws Exception {
        SessionTab tab = shadow("x509-2");
        await().until(() -> onEdt(tab::isLive) || !onEdt(tab::endedSentence).isEmpty());
        assertThat(onEdt(tab::endedSentence)).isEmpty();
        assertThat(tab.vncSession().security()).isEqualTo("X509None");
        List<String> known = Files.readAllLines(knownFile());
        assertThat(known).hasSize(1);
        assertThat(known.get(0)).endsWith(" " + x509Fingerprint);
    }

    @Test
    @Order(4)
    void aChangedCertificateIsRefusedByDefaultAndTrustedOnlyWhenConfirmed() throws Exception {
        String remembered = Files.readAllLines(knownFile()).get(0);
        String deviceKey = remembered.substring(0, remembered.indexOf(' '));
        String other = "ab".repeat(32);
        Files.writeString(knownFile(), deviceKey + " " + other + "\n");

        SessionTab refused = shadow("x509-2");
        DialogFixture changed = dialogTitled("VNC server certificate changed");
        // Enter takes the default answer, which refuses.
        changed.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        await().until(() -> !onEdt(refused::endedSentence).isEmpty());
        assertThat(onEdt(refused::endedSentence)).contains("x509-2", "differs from the one trusted before", other);
        assertThat(Files.readString(knownFile())).isEqualTo(deviceKey + " " + other + "\n");

        SessionTab trusted = shadow("x509-2");
        DialogFixture again = dialogTitled("VNC server certificate changed");
        press(button(again, "Trust the new certificate"));
        await().until(() -> onEdt(trusted::isLive) || !onEdt(trusted::endedSentence).isEmpty());
        assertThat(onEdt(trusted::endedSentence)).isEmpty();
        assertThat(Files.readAllLines(knownFile())).containsExactly(deviceKey + " " + x509Fingerprint);
    }

    private static Path knownFile() {
        return dir.resolve("config").resolve("known-vnc-certificates");
    }

    private static SessionTab shadow(String device) {
        javax.swing.JTabbedPane tabs = main.tabbedPane("tabs").target();
        onEdt(() -> {
            tabs.setSelectedIndex(0);
            return null;
        });
        await().ignoreExceptions().until(() -> main.table("devices").target().isShowing());
        // the device's row selected, then the toolbar's Shadow (a double click can arrive as two single ones)
        javax.swing.JTable table = main.table("devices").target();
        onEdt(() -> {
            for (int row = 0; row < table.getRowCount(); row++) {
                if (device.equals(String.valueOf(table.getValueAt(row, 0)))) {
                    table.setRowSelectionInterval(row, row);
                }
            }
            return null;
        });
        await().until(() -> onEdt(() -> main.button("tb-shadow").target().isEnabled()));
        main.button("tb-shadow").click();
        return await().until(() -> onEdt(() -> main.tabbedPane("tabs").target().getSelectedComponent()),
                c -> c instanceof SessionTab t && t.device().name().equals(device)) instanceof SessionTab t ? t : null;
    }

    private static DialogFixture dialogTitled(String title) {
        return WindowFinder.findDialog(new GenericTypeMatcher<>(JDialog.class) {
            @Override
            protected boolean isMatching(JDialog dialog) {
                return title.equals(dialog.getTitle()) && dialog.isShowing();
            }
        }).withTimeout(20_000).using(robot);
    }

    private static AbstractButton button(DialogFixture dialog, String text) {
        return dialog.button(new GenericTypeMatcher<>(javax.swing.JButton.class) {
            @Override
            protected boolean isMatching(javax.swing.JButton b) {
                return text.equals(b.getText()) && b.isShowing();
            }
        }).target();
    }
}
