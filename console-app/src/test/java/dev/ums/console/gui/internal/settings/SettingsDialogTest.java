package dev.ums.console.gui.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.GraphicsEnvironment;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Settings window a user opens: it lays out, shows the settings, and OK hands back what was chosen. */
class SettingsDialogTest {
    private Robot robot;

    @BeforeEach
    void robot() {
        if (GraphicsEnvironment.isHeadless()) {
            fail("the settings dialog test needs an X display: set DISPLAY (CI's .ci/run starts Xvfb :99)");
        }
        robot = BasicRobot.robotWithNewAwtHierarchy();
        GuiActionRunner.execute(() -> Themes.install(Theme.LIGHT, false));
    }

    @AfterEach
    void cleanUp() {
        robot.cleanUp();
    }

    private CompletableFuture<Optional<ConsoleSettings>> open() {
        CompletableFuture<Optional<ConsoleSettings>> result = new CompletableFuture<>();
        javax.swing.SwingUtilities.invokeLater(() -> {
            try {
                result.complete(new SettingsDialog(null).show(ConsoleSettings.defaults()));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Test
    void okKeepsTheChosenValues() throws Exception {
        CompletableFuture<Optional<ConsoleSettings>> result = open();
        DialogFixture dialog = WindowFinder.findDialog("settings").withTimeout(10_000).using(robot);
        assertThat(dialog.target().getWidth()).isGreaterThan(300);
        dialog.comboBox("theme").selectItem(Theme.DARK.toString());
        GuiActionRunner.execute(() -> dialog.button("settingsOk").target().doClick());
        Optional<ConsoleSettings> chosen = result.get(10, TimeUnit.SECONDS);
        assertThat(chosen).isPresent();
        assertThat(chosen.get().theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void escapeDropsTheChanges() throws Exception {
        CompletableFuture<Optional<ConsoleSettings>> result = open();
        DialogFixture dialog = WindowFinder.findDialog("settings").withTimeout(10_000).using(robot);
        dialog.comboBox("theme").selectItem(Theme.DARK.toString());
        dialog.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ESCAPE);
        assertThat(result.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aRefreshIntervalOutOfRangeIsRefusedWithASentenceRatherThanDropped() throws Exception {
        CompletableFuture<Optional<ConsoleSettings>> result = open();
        DialogFixture dialog = WindowFinder.findDialog("settings").withTimeout(10_000).using(robot);
        dialog.spinner("pollSeconds").enterText("100000");
        dialog.button("settingsOk").click();
        robot.waitForIdle();

        assertThat(result).isNotDone();
        dialog.label("settingsProblem").requireText("Enter a refresh interval from 1 to 60 seconds.");
        assertThat(dialog.spinner("pollSeconds").text()).isEqualTo("100000");

        dialog.spinner("pollSeconds").enterText("45");
        dialog.button("settingsOk").click();
        Optional<ConsoleSettings> chosen = result.get(10, TimeUnit.SECONDS);
        assertThat(chosen).isPresent();
        assertThat(chosen.get().pollSeconds()).isEqualTo(45);
    }

    @Test
    void enterOnARefreshIntervalThatIsNotANumberSaysWhy() throws Exception {
        CompletableFuture<Optional<ConsoleSettings>> result = open();
        DialogFixture dialog = WindowFinder.findDialog("settings").withTimeout(10_000).using(robot);
        dialog.spinner("pollSeconds").enterText("ten");
        robot.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        robot.waitForIdle();

        assertThat(result).isNotDone();
        dialog.label("settingsProblem").requireText("Enter a refresh interval from 1 to 60 seconds.");
        dialog.pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ESCAPE);
        assertThat(result.get(10, TimeUnit.SECONDS)).isEmpty();
    }
}
