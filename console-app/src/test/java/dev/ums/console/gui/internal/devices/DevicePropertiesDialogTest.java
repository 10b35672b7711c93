package dev.ums.console.gui.internal.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.ums.console.RawEnrollment;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JOptionPane;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device's Properties against the real server: changed shadow settings are not lost by closing the window. */
class DevicePropertiesDialogTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private UmsServer server;
    private Robot robot;
    private ImiClient client;
    private ThinClient device;

    @BeforeEach
    void start() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            fail("the properties dialog test needs an X display: set DISPLAY (CI's .ci/run starts Xvfb :99)");
        }
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        assertThat(RawEnrollment.send(server,
                new EnrollmentRequest("Front desk", "unit-7", "00:11:22:33:44:55", "12", null)).statusCode())
                .isEqualTo(200);
        client = ImiClient.create(new ServerAddress("127.0.0.1", server.port()), server.fingerprint());
        client.login("admin", "admin-secret".toCharArray());
        device = client.thinClients().get(0);
        robot = BasicRobot.robotWithNewAwtHierarchy();
        GuiActionRunner.execute(() -> Themes.install(Theme.LIGHT, false));
    }

    @AfterEach
    void stop() {
        robot.cleanUp();
        server.close();
    }

    @Test
    void closingWithUnsavedShadowSettingsAsksAndSaveKeepsThem() throws Exception {
        DialogFixture properties = open();
        toggle(properties, "allowInput");
        Questions.ask(properties, "propertiesClose");
        assertThat(Questions.answer(robot, "Unsaved changes", "Save")).isEqualTo(JOptionPane.WARNING_MESSAGE);
        await().atMost(WAIT).until(() -> !GuiActionRunner.execute(properties.target()::isShowing));
        assertThat(client.shadowSettings(device.id()).allowInput()).isFalse();
    }

    @Test
    void discardDropsTheChangesAndCancelKeepsTheWindow() throws Exception {
        DialogFixture properties = open();
        toggle(properties, "allowShadowing");
        Questions.ask(properties, "propertiesClose");
        assertThat(Questions.answer(robot, "Unsaved changes", "Cancel")).isEqualTo(JOptionPane.WARNING_MESSAGE);
        assertThat(GuiActionRunner.execute(properties.target()::isShowing)).isTrue();
        properties.checkBox("allowShadowing").requireNotSelected();

        Questions.ask(properties, "propertiesClose");
        assertThat(Questions.answer(robot, "Unsaved changes", "Discard")).isEqualTo(JOptionPane.WARNING_MESSAGE);
        await().atMost(WAIT).until(() -> !GuiActionRunner.execute(properties.target()::isShowing));
        assertThat(client.shadowSettings(device.id()).allowShadowing()).isTrue();
    }

    @Test
    void closingWithoutChangesAsksNothing() throws Exception {
        DialogFixture properties = open();
        toggle(properties, "promptUser");
        toggle(properties, "promptUser");
        Questions.ask(properties, "propertiesClose");
        await().atMost(WAIT).until(() -> !GuiActionRunner.execute(properties.target()::isShowing));
    }

    private DialogFixture open() {
        GuiActionRunner.execute(() -> new DevicePropertiesDialog(null, client, device).show());
        DialogFixture properties = WindowFinder.findDialog("deviceProperties").withTimeout(10_000).using(robot);
        JButton save = (JButton) properties.button("saveShadowSettings").target();
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(save::isEnabled));
        return properties;
    }

    private static void toggle(DialogFixture dialog, String box) {
        JCheckBox check = (JCheckBox) dialog.checkBox(box).target();
        GuiActionRunner.execute(() -> check.doClick());
    }


}
