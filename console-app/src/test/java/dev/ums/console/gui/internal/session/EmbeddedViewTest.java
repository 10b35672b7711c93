package dev.ums.console.gui.internal.session;

import static dev.ums.console.gui.GuiTests.onEdt;
import static dev.ums.console.gui.GuiTests.press;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.GuiTests;
import dev.ums.console.gui.internal.settings.ScalingMode;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.File;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import javax.swing.JLabel;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live session's view on a real Xvnc, driven as a user drives it: what its buttons say back. */
class EmbeddedViewTest {
    private static XvncServer xvnc;

    @TempDir
    Path dir;
    private Robot robot;
    private VncSession session;
    private FrameFixture window;

    @BeforeAll
    static void startXvnc() {
        xvnc = XvncServer.start(320, 240);
    }

    @AfterAll
    static void stopXvnc() {
        if (xvnc != null) {
            xvnc.close();
        }
    }

    @BeforeEach
    void showSession() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        robot = GuiTests.robot();
        Socket socket = new Socket(xvnc.host(), xvnc.port());
        session = new VncSession(socket.getInputStream(), socket.getOutputStream(), VncSettings.defaults()).start();
        assertThat(session.awaitFirstFrame(10, TimeUnit.SECONDS)).as("first frame (error: %s)", session.error())
                .isTrue();
        JFrame frame = GuiActionRunner.execute(() -> {
            Themes.install(Theme.LIGHT, false);
            EmbeddedView view = new EmbeddedView(session, "kiosk-9", false, ScalingMode.FIT, () -> { });
            JFrame f = new JFrame("embedded view test");
            f.setContentPane(view);
            f.setSize(1000, 500);
            view.started();
            return f;
        });
        window = new FrameFixture(robot, frame);
        window.show();
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.cleanUp();
        }
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aScreenshotThatCannotBeSavedIsSaidInAWholeSentenceAndTheToolbarStaysPut() {
        int disconnectX = onEdt(() -> window.button("disconnect").target().getX());
        window.button("screenshot").click();
        JFileChooserFixture chooser = JFileChooserFinder.findFileChooser().withTimeout(10_000).using(robot);
        File missing = dir.resolve("gone").resolve("shot.png").toFile();
        chooser.fileNameTextBox().setText(missing.getPath());
        // Through the button's own action: a robot click in the just-mapped chooser is sometimes lost under Xvfb.
        press(chooser.approveButton().target());

        JOptionPaneFixture error = JOptionPaneFinder.findOptionPane().withTimeout(10_000).using(robot);
        error.requireErrorMessage().requireTitle("Screenshot not saved");
        assertThat(onEdt(() -> ((JLabel) error.target().getMessage()).getText()))
                .isEqualTo("Cannot write " + missing + ": no such file or directory.");
        press(error.okButton().target());
        robot.waitForIdle();
        assertThat(onEdt(() -> window.button("disconnect").target().getX())).isEqualTo(disconnectX);
        assertThat(onEdt(() -> window.label("notice").target().getText())).isNullOrEmpty();
    }
}
