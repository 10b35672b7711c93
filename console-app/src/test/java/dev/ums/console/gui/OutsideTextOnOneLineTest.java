package dev.ums.console.gui;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ums.console.RawEnrollment;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.log.CapturedLog;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.tree.TreePath;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's name may hold line breaks and invisible format characters (the server refuses only the other C0
 * controls): a right-to-left override shows the rest of a name reversed, a zero-width space makes a name look like
 * another device's, and a line break in a log line forges the next line. The console shows such a name as one line with
 * those characters visible ("?") in the device table, the tree and the session tab, and its log quotes it as one line.
 */
class OutsideTextOnOneLineTest {
    private static final String NAME = "kiosk-\u202E1-ksoik\u200B\n2026-12-07 INFO forged line";

    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedLog log = new CapturedLog(SessionTab.class);
    private UmsServer server;
    private ConsoleApp app;
    private Robot robot;

    @BeforeEach
    void start() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")));
        assertThat(RawEnrollment.send(server, new EnrollmentRequest(NAME, "unit-7", "00:11:22:33:44:55", "12", null))
                .statusCode()).isEqualTo(200);
        ImiClient client = ImiClient.create(new ServerAddress("127.0.0.1", server.port()), server.fingerprint());
        client.login("admin", "admin-secret".toCharArray());
        robot = GuiTests.robot();
        app = ConsoleApp.startLoggedIn(client, "admin", dir.resolve("config"));
    }

    @AfterEach
    void stop() throws Exception {
        GuiActionRunnerQuit.quitAndClose(app, robot, server);
    }

    @Test
    void aNameWithALineBreakAndFormatCharactersIsShownAndLoggedAsOneVisibleLine() {
        FrameFixture main = WindowFinder.findFrame("main").withTimeout(20_000).using(robot);
        JTable table = main.table("devices").target();
        await().until(() -> onEdt(table::getRowCount) == 1);
        String cell = onEdt(() -> ((JLabel) table.prepareRenderer(table.getCellRenderer(0, 0), 0, 0)).getText());
        assertThat(cell).isEqualTo("kiosk-?1-ksoik??2026-12-07 INFO forged line");

        JTree tree = main.tree("directoryTree").target();
        String node = onEdt(() -> {
            TreePath device = tree.getPathForRow(tree.getRowCount() - 1);
            return ((JLabel) tree.getCellRenderer().getTreeCellRendererComponent(tree,
                    device.getLastPathComponent(), false, false, true, tree.getRowCount() - 1, false)).getText();
        });
        assertThat(node).startsWith("kiosk-?1-ksoik??2026-12-07 INFO forged line");

        onEdt(() -> {
            table.setRowSelectionInterval(0, 0);
            return null;
        });
        GuiTests.press(main.button("tb-shadow").target());    // offline: the tab says so, the log says it failed
        await().until(() -> log.events().stream().anyMatch(e -> e.getFormattedMessage().startsWith("Could not shadow")));
        assertThat(onEdt(() -> main.tabbedPane("tabs").target().getTitleAt(2)))
                .isEqualTo("kiosk-?1-ksoik??2026-12-07 INFO forged line");
        List<String> lines = log.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anyMatch(line -> line.contains("kiosk-?1-ksoik??2026-12-07 INFO forged line"));
        assertThat(lines).noneMatch(line -> line.contains("\n") || line.contains("\u202E") || line.contains("\u200B"));
    }
}
