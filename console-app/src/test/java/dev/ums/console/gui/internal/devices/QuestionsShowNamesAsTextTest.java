package dev.ums.console.gui.internal.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.ums.console.RawEnrollment;
import dev.ums.console.gui.FetchedAddresses;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.device.DeviceServer;
import dev.ums.testkit.device.FakeDevice;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.swing.JCheckBox;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JTable;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's name is peer text, and the server lets a device's name hold line breaks. A question ({@code JOptionPane})
 * whose message is a string makes one label of each of its lines, and a line that begins with {@code <html>} is
 * rendered as HTML: a device enrolled as {@code "Front desk\n<html><img src=…>"} made the console fetch that address
 * when the administrator was asked about it. The addresses point at a listener of the test's own; one label of the
 * test's own fetches at the end, so that the silence before proves something.
 */
class QuestionsShowNamesAsTextTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private FetchedAddresses fetched;
    private UmsServer server;
    private Robot robot;
    private FakeDevice device;
    private JFrame control;

    @BeforeEach
    void start() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            fail("the questions test needs an X display: set DISPLAY (CI's .ci/run starts Xvfb :99)");
        }
        fetched = FetchedAddresses.start();
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        robot = BasicRobot.robotWithNewAwtHierarchy();
        GuiActionRunner.execute(() -> Themes.install(Theme.LIGHT, false));
    }

    @AfterEach
    void stop() throws IOException {
        if (control != null) {
            GuiActionRunner.execute(control::dispose);
        }
        if (device != null) {
            device.close();
        }
        robot.cleanUp();
        server.close();
        fetched.close();
    }

    @Test
    void aDeviceNameWithALineThatLooksLikeHtmlIsAskedAboutAsText() throws Exception {
        String name = "Front desk\n" + fetched.image("name");
        device = FakeDevice.enroll(DeviceServer.pinned(server.baseUrl(), server.fingerprint()), "enroll-secret",
                name, "unit-7").get(30, TimeUnit.SECONDS).connect();
        assertThat(enroll(name, "unit-7")).isEqualTo(202);
        ImiClient client = ImiClient.create(new ServerAddress("127.0.0.1", server.port()), server.fingerprint());
        client.login("admin", "admin-secret".toCharArray());
        ThinClient listed = client.thinClients().get(0);
        assertThat(listed.name()).isEqualTo(name);

        GuiActionRunner.execute(() -> new ReenrollmentsDialog(null, client).show());
        DialogFixture reenrollments = WindowFinder.findDialog("reenrollments").withTimeout(WAIT.toMillis()).using(robot);
        JTable table = (JTable) reenrollments.table("reenrollmentsTable").target();
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(table::getRowCount) == 1);
        GuiActionRunner.execute(() -> table.setRowSelectionInterval(0, 0));
        Questions.ask(reenrollments, "reenrollmentsApprove");
        Questions.answer(robot, "Approve re-enrollment", "Cancel");
        reenrollments.close();

        GuiActionRunner.execute(() -> new DevicePropertiesDialog(null, client, listed).show());
        DialogFixture properties = WindowFinder.findDialog("deviceProperties").withTimeout(WAIT.toMillis()).using(robot);
        await().atMost(WAIT).until(() -> GuiActionRunner.execute(properties.button("saveShadowSettings").target()
                ::isEnabled));
        JCheckBox input = (JCheckBox) properties.checkBox("allowInput").target();
        GuiActionRunner.execute(() -> input.doClick());
        Questions.ask(properties, "propertiesClose");
        Questions.answer(robot, "Unsaved changes", "Discard");
        robot.waitForIdle();

        GuiActionRunner.execute(() -> {
            control = new JFrame("control");
            control.add(new JLabel(fetched.image("control")));
            control.pack();
            control.setVisible(true);
        });
        await().atMost(WAIT).until(() -> fetched.paths().contains("/control"));
        assertThat(fetched.paths()).as("addresses the console fetched").containsOnly("/control");
    }

    private int enroll(String name, String unitId) throws Exception {
        return RawEnrollment.send(server, new EnrollmentRequest(name, unitId, "00:11:22:33:44:55", "12", null))
                .statusCode();
    }
}
