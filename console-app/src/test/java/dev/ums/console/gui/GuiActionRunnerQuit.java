package dev.ums.console.gui;

import java.util.concurrent.TimeUnit;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;

/** Ends a console started by a test and waits until its settings are saved; a test thread calls it. */
final class GuiActionRunnerQuit {
    private GuiActionRunnerQuit() {
    }

    static void quit(ConsoleApp app) throws InterruptedException {
        GuiActionRunner.execute(app::quit);
        app.awaitExit(20, TimeUnit.SECONDS);
    }

    /**
     * Ends what a GUI test class started: the console, then the robot, then {@code parts} in the order given (agents
     * before their server, the server before its VNC servers). Any of them may be null when the start failed early.
     */
    static void quitAndClose(ConsoleApp app, Robot robot, AutoCloseable... parts) throws Exception {
        if (app != null) {
            quit(app);
        }
        if (robot != null) {
            robot.cleanUp();
        }
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }
}
