package dev.ums.console.gui.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ums.console.gui.GuiTests;
import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncSettings;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Map;
import javax.swing.JFrame;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JTextComponentFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings screen shows a model and gives the same model back; what a user types there becomes the model. */
class SettingsPanelRoundTripTest {
    private static final ConsoleSettings BASE = new ConsoleSettings(Theme.SYSTEM, ViewerMode.EMBEDDED,
            ConsoleSettings.TIGERVNC_COMMAND, 3, ScalingMode.FIT, PictureSettings.automatic(),
            List.of("a:8443", "b:9443"), "admin",
            Map.of("a:8443", "ab".repeat(32)), "/srv/copies");

    private Robot robot;
    private FrameFixture window;
    private SettingsPanel panel;

    @BeforeEach
    void show() {
        if (GraphicsEnvironment.isHeadless()) {
            fail("the settings screen test needs an X display: set DISPLAY (CI's .ci/run starts Xvfb :99)");
        }
        // BasicRobot's own pacing (100 ms after each event), not the other GUI tests' faster one: with that, a combo
        // box's popup was not always ready for the click choosing its item on a loaded machine
        robot = BasicRobot.robotWithNewAwtHierarchy();
        JFrame frame = GuiActionRunner.execute(() -> {
            Themes.install(Theme.LIGHT, false);
            panel = new SettingsPanel();
            JFrame f = new JFrame("settings test");
            f.setContentPane(panel);
            return f;
        });
        window = new FrameFixture(robot, frame);
        window.show();
    }

    @AfterEach
    void close() {
        window.cleanUp();
    }

    /** Selects a radio button through its own action: robot clicks are occasionally lost under a loaded Xvfb. */
    private void choose(String name) {
        javax.swing.JRadioButton button = window.radioButton(name).target();
        GuiActionRunner.execute(() -> button.doClick());
    }

    /**
     * Types {@code text} over the external viewer command and waits until the field holds all of it: keys typed
     * through the display can still be on their way when the robot returns, and would land in whatever has the focus
     * next (the refresh interval, once the command field is disabled).
     */
    private void typeCommand(String text) {
        JTextComponentFixture field = window.textBox("externalCommand");
        field.deleteText().enterText(text);
        GuiTests.await().until(() -> GuiActionRunner.execute(() -> field.target().getText()).equals(text));
    }

    @Test
    void everyModelComesBackUnchanged() {
        List<ConsoleSettings> models = List.of(BASE,
                BASE.withPreferences(Theme.DARK, ViewerMode.EXTERNAL, "vncsnapshot {host}::{port} x.jpg", 17,
                        ScalingMode.ACTUAL_SIZE),
                BASE.withPreferences(Theme.LIGHT, ViewerMode.EMBEDDED, "xtightvncviewer {host}:{display}", 60,
                        ScalingMode.FIT).withPicture(new PictureSettings(VncSettings.LOSSLESS, 9, Encoding.ZRLE,
                        ColorDepth.COLOURS_64)),
                BASE.withPicture(new PictureSettings(0, VncSettings.AUTO, Encoding.RAW, ColorDepth.COLOURS_8)),
                BASE.withPicture(new PictureSettings(9, 0, null, ColorDepth.COLOURS_256)),
                ConsoleSettings.defaults());
        for (ConsoleSettings model : models) {
            ConsoleSettings back = GuiActionRunner.execute(() -> {
                panel.load(model);
                return panel.store(model);
            });
            assertThat(back).isEqualTo(model);
        }
    }

    @Test
    void whatTheUserEntersBecomesTheModelAndShowsAgain() {
        GuiActionRunner.execute(() -> panel.load(BASE));
        window.comboBox("theme").selectItem(Theme.DARK.toString());
        choose("viewerExternal");
        typeCommand("vncviewer -Shared {host}::{port}");
        window.spinner("pollSeconds").select(9);
        window.comboBox("scaling").selectItem(ScalingMode.ACTUAL_SIZE.toString());
        window.comboBox("quality").selectItem("JPEG 4");
        window.comboBox("compression").selectItem("9 (smallest)");
        window.comboBox("encoding").selectItem("Only Tight");
        window.comboBox("colour").selectItem("256 colours");

        ConsoleSettings stored = GuiActionRunner.execute(() -> panel.store(BASE));
        assertThat(stored).isEqualTo(new ConsoleSettings(Theme.DARK, ViewerMode.EXTERNAL,
                "vncviewer -Shared {host}::{port}", 9, ScalingMode.ACTUAL_SIZE,
                new PictureSettings(4, 9, Encoding.TIGHT, ColorDepth.COLOURS_256), BASE.servers(), BASE.lastUser(),
                BASE.pins(), BASE.recordingFolder()));

        GuiActionRunner.execute(() -> panel.load(ConsoleSettings.defaults()));
        GuiActionRunner.execute(() -> panel.load(stored));
        window.comboBox("theme").requireSelection(Theme.DARK.toString());
        window.radioButton("viewerExternal").requireSelected();
        window.textBox("externalCommand").requireEnabled().requireText("vncviewer -Shared {host}::{port}");
        window.spinner("pollSeconds").requireValue(9);
        window.comboBox("scaling").requireSelection(ScalingMode.ACTUAL_SIZE.toString());
        window.comboBox("quality").requireSelection("JPEG 4");
        window.comboBox("compression").requireSelection("9 (smallest)");
        window.comboBox("encoding").requireSelection("Only Tight");
        window.comboBox("colour").requireSelection("256 colours");
    }

    @Test
    void thePictureIsAutomaticUntilTheUserFixesIt() {
        GuiActionRunner.execute(() -> panel.load(ConsoleSettings.defaults()));
        window.comboBox("quality").requireSelection("Automatic");
        window.comboBox("compression").requireSelection("Automatic");
        window.comboBox("encoding").requireSelection("Automatic (Tight first)");
        window.comboBox("colour").requireSelection("Full colour");
        window.comboBox("quality").selectItem("Lossless");
        assertThat(GuiActionRunner.execute(() -> panel.store(BASE)).picture())
                .isEqualTo(new PictureSettings(VncSettings.LOSSLESS, VncSettings.AUTO, null, ColorDepth.TRUE_COLOR_24));
    }

    @Test
    void anExternalCommandWithoutPortIsRefusedWithASentence() {
        GuiActionRunner.execute(() -> panel.load(BASE));
        choose("viewerExternal");
        typeCommand("vncviewer localhost");
        assertThat(GuiActionRunner.execute(panel::problem)).contains("{port}");
        choose("viewerEmbedded");
        window.textBox("externalCommand").requireDisabled();
        assertThat(GuiActionRunner.execute(panel::problem)).isNull();
    }

    @Test
    void anExternalCommandWithAnUnclosedQuoteIsRefusedWithASentence() {
        GuiActionRunner.execute(() -> panel.load(BASE));
        choose("viewerExternal");
        typeCommand("vncviewer \"{host}::{port}");
        assertThat(GuiActionRunner.execute(panel::problem))
                .isEqualTo("The external viewer command has an unclosed quote.");
        typeCommand("vncviewer \"{host}::{port}\"");
        assertThat(GuiActionRunner.execute(panel::problem)).isNull();
    }
}
