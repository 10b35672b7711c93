package dev.ums.console.gui;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.RawEnrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import java.nio.file.Path;
import javax.swing.JFrame;
import javax.swing.JLabel;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device enrolled with a name and unit ID that Swing would take for HTML ({@code <html><img src=…>}) is listed,
 * opened, described and found in the shadow log without the console ever fetching the images its name names: the
 * addresses point at a listener of the test's own, which counts every request. That such a label does fetch here is
 * shown at the end with one label of the test's own, so that silence proves something.
 */
class OutsideTextNeverHtmlTest {
    @TempDir
    Path dir;
    private FetchedAddresses fetched;
    private UmsServer server;
    private ConsoleApp app;
    private Robot robot;
    private JFrame control;

    @BeforeEach
    void start() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        fetched = FetchedAddresses.start();
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        enroll(new EnrollmentRequest(fetched.image("name"), fetched.image("unit"), "00:11:22:33:44:55", "12", null));
        robot = GuiTests.robot();
        app = ConsoleApp.start(dir.resolve("config"));
    }

    @AfterEach
    void stop() throws Exception {
        if (control != null) {
            onEdt(() -> {
                control.dispose();
                return null;
            });
        }
        GuiActionRunnerQuit.quitAndClose(app, robot, server, fetched);
    }

    @Test
    void aDevicesNameThatLooksLikeHtmlIsShownAsTextEverywhere() throws Exception {
        FrameFixture main = GuiTests.logInTrustingTheServer(robot, server);
        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 1);
        assertThat(main.table("devices").contents()[0])
                .contains(fetched.image("name"), fetched.image("unit") + " / 00:11:22:33:44:55");

        onEdt(() -> {
            main.table("devices").target().setRowSelectionInterval(0, 0);
            return null;
        });
        GuiTests.press(main.button("tb-shadow").target());    // offline: a tab named after the device says so
        await().until(() -> onEdt(() -> main.tabbedPane("tabs").target().getTabCount()) == 3);
        onEdt(() -> {
            main.tabbedPane("tabs").target().setSelectedIndex(0);
            main.table("devices").target().setRowSelectionInterval(0, 0);
            return null;
        });

        GuiTests.press(main.button("tb-properties").target());
        DialogFixture properties = WindowFinder.findDialog("deviceProperties").withTimeout(10_000).using(robot);
        robot.waitForIdle();
        properties.close();

        GuiTests.press(main.button("tb-shadowLog").target());
        DialogFixture log = WindowFinder.findDialog("shadowLog").withTimeout(10_000).using(robot);
        await().until(() -> onEdt(() -> log.table("shadowLogTable").target().getRowCount()) == 1);
        robot.waitForIdle();

        onEdt(() -> {
            control = new JFrame("control");
            control.add(new JLabel(fetched.image("control")));
            control.pack();
            control.setVisible(true);
            return null;
        });
        await().until(() -> fetched.paths().contains("/control"));
        assertThat(fetched.paths()).as("addresses the console fetched").containsOnly("/control");
        log.close();
    }

    private void enroll(EnrollmentRequest request) throws Exception {
        assertThat(RawEnrollment.send(server, request).statusCode()).isEqualTo(200);
    }
}
