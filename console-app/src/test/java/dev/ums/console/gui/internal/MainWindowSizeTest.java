package dev.ums.console.gui.internal;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.GuiTests;
import dev.ums.console.gui.internal.settings.ConsoleSettings;
import dev.ums.console.gui.internal.settings.LiveSettings;
import dev.ums.console.gui.internal.settings.SettingsStore;
import java.awt.Dimension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window cannot be shrunk below the size at which its device table and status bar still show. */
class MainWindowSizeTest {
    @TempDir
    Path dir;

    @Test
    void theMainWindowKeepsRoomForTheDeviceTableAndTheStatusBar() {
        GuiTests.requireDisplayAndEventThreadRule();
        LiveSettings settings = new LiveSettings(new SettingsStore(dir), ConsoleSettings.defaults());
        MainWindow main = GuiTests.mainWindowWithoutServer(settings);
        try {
            Edt.call(() -> {
                main.frame().setSize(300, 200);
                return null;
            });
            await().until(() -> onEdt(() -> main.frame().getSize()),
                    size -> size.width >= MainWindow.MINIMUM_SIZE.width && size.height >= MainWindow.MINIMUM_SIZE.height);
            Dimension table = onEdt(() -> main.frame().getContentPane().getSize());
            assertThat(table.height).as("content height").isGreaterThan(300);
            assertThat(onEdt(() -> main.statusBar().isShowing())).isTrue();
        } finally {
            Edt.call(() -> {
                main.close();
                return null;
            });
        }
    }
}
