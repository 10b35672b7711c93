package dev.ums.console.gui.internal.playback;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.find;
import static dev.ums.console.gui.GuiTests.onEdt;
import static dev.ums.console.gui.GuiTests.press;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.GuiTests;
import dev.ums.console.gui.internal.MainWindow;
import dev.ums.console.gui.internal.settings.ConsoleSettings;
import dev.ums.console.gui.internal.settings.LiveSettings;
import dev.ums.console.gui.internal.settings.SettingsStore;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.Frame;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.swing.AbstractButton;
import javax.swing.Action;
import javax.swing.JLabel;
import javax.swing.JSlider;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.JFileChooserFinder;
import org.assertj.swing.finder.JOptionPaneFinder;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console → Open recording… on the main window, under Xvfb, with no server behind the console: a real session
 * recorded from a real Xvnc into a {@code .umsrec} file plays in the same player as the shadow log's, to its last
 * picture, and the folder is remembered for the next time; a file that is not a recording, and one that does not
 * exist, are each one sentence in a dialog and open no player. Fails on any Swing call off the event thread.
 */
class OpenRecordingTest {
    @TempDir
    static Path shared;
    private static Path copies;
    private static Path recording;
    private static RecordedSessionFile live;

    @TempDir
    Path config;
    private LiveSettings settings;
    private MainWindow main;
    private Robot robot;
    private FrameFixture window;

    @BeforeAll
    static void record() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        copies = Files.createDirectories(shared.resolve("copies"));
        recording = copies.resolve("kiosk-1.umsrec");
        try (XvncServer xvnc = XvncServer.start(480, 300)) {
            live = RecordedSessionFile.record(xvnc, recording);
        }
    }

    @BeforeEach
    void showMainWindow() {
        // A console logged in to nothing: the recording needs no server.
        settings = new LiveSettings(new SettingsStore(config), ConsoleSettings.defaults());
        main = GuiTests.mainWindowWithoutServer(settings);
        robot = GuiTests.robot();
        window = new FrameFixture(robot, onEdt(main::frame));
    }

    @AfterEach
    void close() {
        onEdt(() -> {
            for (Frame f : Frame.getFrames()) {
                if ("player".equals(f.getName())) {
                    f.dispose();
                }
            }
            main.close();
            return null;
        });
        robot.cleanUpWithoutDisposingWindows();
    }

    @Test
    void aRecordingFileOpensInThePlayerAndItsFolderIsRemembered() {
        Action open = onEdt(() -> window.menuItem("menuOpenRecording").target().getAction());
        assertThat(onEdt(() -> open.getValue(Action.ACCELERATOR_KEY))).isEqualTo(KeyStroke.getKeyStroke("ctrl O"));
        pressLater(window.menuItem("menuOpenRecording").target());
        JFileChooserFixture chooser = chooser();
        assertThat(onEdt(() -> chooser.target().getCurrentDirectory()))
                .isEqualTo(new File(System.getProperty("user.home")));
        assertThat(onEdt(() -> chooser.target().getFileFilter().getDescription()))
                .isEqualTo("Session recordings (*.umsrec)");
        chooser.fileNameTextBox().setText(recording.toString());
        press(chooser.approveButton().target());

        FrameFixture player = WindowFinder.findFrame("player").withTimeout(30_000).using(robot);
        assertThat(onEdt(() -> player.target().getTitle())).isEqualTo("Recording – kiosk-1.umsrec");
        JSlider seek = await().until(() -> onEdt(() -> (JSlider) find(player.target(), "playerSeek")),
                slider -> slider != null);
        onEdt(() -> {
            seek.setValue(seek.getMaximum());
            return null;
        });
        FrameView view = onEdt(() -> (FrameView) find(player.target(), "playerFrame"));
        await().until(() -> Arrays.equals(view.framebufferPixels(), live.lastFrame));
        assertThat(settings.get().recordingFolder()).isEqualTo(copies.toString());

        pressLater(window.button("tb-openRecording").target());
        JFileChooserFixture again = chooser();
        assertThat(onEdt(() -> again.target().getCurrentDirectory())).as("the remembered folder")
                .isEqualTo(copies.toFile());
        press(again.cancelButton().target());
    }

    @Test
    void aFileThatIsNotARecordingOrIsMissingIsOneSentenceAndOpensNothing() throws Exception {
        Path notes = Files.writeString(shared.resolve("notes.txt"), "just text\n");
        Path gone = shared.resolve("gone.umsrec");
        for (Path file : new Path[] {notes, gone}) {
            pressLater(window.button("tb-openRecording").target());
            JFileChooserFixture chooser = chooser();
            chooser.fileNameTextBox().setText(file.toString());
            press(chooser.approveButton().target());

            JOptionPaneFixture error = JOptionPaneFinder.findOptionPane().withTimeout(30_000).using(robot);
            error.requireErrorMessage().requireTitle(OpenRecordingAction.NOT_OPENED);
            assertThat(onEdt(() -> ((JLabel) error.target().getMessage()).getText()))
                    .isEqualTo(file == notes ? notes + " is not a session recording."
                            : "There is no recording at " + gone + ".");
            // The dialog is shown in the same event as a player would have been opened, so none is coming.
            assertThat(onEdt(OpenRecordingTest::players)).as("players").isZero();
            press(error.okButton().target());
            await().until(() -> onEdt(() -> !error.target().isShowing()));
        }
    }

    /**
     * Presses a button that opens a modal dialog through its own action, later on the event thread (the press itself
     * returns only when the dialog closes): a robot click on a window just shown may be lost.
     */
    private static void pressLater(AbstractButton button) {
        SwingUtilities.invokeLater(button::doClick);
    }

    private JFileChooserFixture chooser() {
        return JFileChooserFinder.findFileChooser(OpenRecordingAction.CHOOSER).withTimeout(20_000).using(robot);
    }

    private static int players() {
        return (int) Arrays.stream(Frame.getFrames()).filter(f -> "player".equals(f.getName()) && f.isShowing())
                .count();
    }
}
