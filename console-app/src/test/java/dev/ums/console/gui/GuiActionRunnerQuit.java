package dev.ums.console.gui;

import java.util.concurrent.TimeUnit;
import org.assertj.swing.edt.GuiActionRunner;

/** Ends a console started by a test and waits until its settings are saved. */
final class GuiActionRunnerQuit {
    private GuiActionRunnerQuit() {
    }

    static void quit(ConsoleApp app) throws InterruptedException {
        GuiActionRunner.execute(app::quit);
        app.awaitExit(20, TimeUnit.SECONDS);
    }
}
