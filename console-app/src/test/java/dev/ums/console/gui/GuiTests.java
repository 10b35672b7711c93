package dev.ums.console.gui;

import static org.assertj.core.api.Assertions.fail;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.internal.AdminSession;
import dev.ums.console.gui.internal.ConsoleMenus;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.MainWindow;
import dev.ums.console.gui.internal.settings.LiveSettings;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import dev.ums.server.UmsServer;
import java.awt.Component;
import java.awt.Container;
import java.awt.GraphicsEnvironment;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.swing.AbstractButton;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * What every GUI test needs: a display (or a clear failure), a robot, waits that read Swing on its thread, devices
 * that accept sessions without asking and the first login. Test threads.
 */
public final class GuiTests {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private GuiTests() {
    }

    /** Fails, never skips, when no display is available. */
    public static void requireDisplay() {
        if (GraphicsEnvironment.isHeadless()) {
            fail("the console's GUI tests need an X display, and none is available: set DISPLAY (CI's .ci/run "
                    + "starts Xvfb :99; locally run 'Xvfb :77 -screen 0 1600x1000x24 &' and export DISPLAY=:77)");
        }
    }

    /**
     * Fails without a display, and from now on makes any Swing call off the event thread fail loudly in the thread
     * that made it: the start of every test that drives the console's windows.
     */
    public static void requireDisplayAndEventThreadRule() {
        requireDisplay();
        FailOnThreadViolationRepaintManager.install();
    }

    public static Robot robot() {
        return paced(BasicRobot.robotWithCurrentAwtHierarchy());
    }

    /** A robot that sees only the windows shown after this call, paced as {@link #robot()}. */
    public static Robot robotForNewWindows() {
        return paced(BasicRobot.robotWithNewAwtHierarchy());
    }

    /**
     * About 40 ms after each event instead of AssertJ Swing's 100 ms (a 15 ms delay between events, topped up to the
     * 40 ms posting delay, where its defaults are 30 and 100 ms); the robot still waits for the event queue to be idle
     * after each.
     */
    private static Robot paced(Robot robot) {
        robot.settings().delayBetweenEvents(15);
        robot.settings().eventPostingDelay(40);
        return robot;
    }

    /**
     * Presses a button through its own action on the event thread. Used for the first decision in a window that
     * has just been mapped: under Xvfb without a window manager a robot click there is sometimes lost.
     */
    public static void press(AbstractButton button) {
        GuiActionRunner.execute(() -> {
            button.doClick();
            return null;
        });
    }

    /** Reads a value on the event thread. */
    public static <T> T onEdt(Callable<T> read) {
        return GuiActionRunner.execute(read);
    }

    public static ConditionFactory await() {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100));
    }

    /** A device agent called {@code name} enrolled at {@code server}, sharing the VNC server on {@code vncPort}. */
    public static DeviceAgent agent(UmsServer server, Path dir, String name, int vncPort) throws Exception {
        return DeviceAgent.start(AgentConfig.builder(server.baseUrl(), server.fingerprint(), name,
                dir.resolve("agent-" + name)).vnc(InetSocketAddress.createUnresolved("127.0.0.1", vncPort))
                .promptUser(false).enrollmentToken("enroll-secret").build());
    }

    /** Logs in to {@code server} as the administrator in a console that has not pinned it yet, trusting it. */
    public static FrameFixture logInTrustingTheServer(Robot robot, UmsServer server) {
        DialogFixture login = WindowFinder.findDialog("login").withTimeout(20_000).using(robot);
        login.comboBox("server").replaceText(server.baseUrl());
        login.textBox("user").setText("admin");
        login.textBox("password").setText("admin-secret");
        press(login.button("login").target());
        press(WindowFinder.findDialog("certificateTrust").withTimeout(20_000).using(robot).button("trust").target());
        return WindowFinder.findFrame("main").withTimeout(20_000).using(robot);
    }

    /** The component named {@code name} anywhere inside {@code in}, shown or not; null when there is none. */
    public static Component find(Container in, String name) {
        for (Component c : in.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof Container inner) {
                Component found = find(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * A main window in the light theme, shown, for {@code settings}, logged in to no server (its calls fail; what the
     * caller tests needs none).
     */
    public static MainWindow mainWindowWithoutServer(LiveSettings settings) {
        ImiClient nowhere = ImiClient.create(new ServerAddress("127.0.0.1", 1), "ab".repeat(32));
        return Edt.call(() -> {
            Themes.install(Theme.LIGHT, false);
            ConsoleMenus.Commands ignored = new ConsoleMenus.Commands() {
                @Override
                public void openSettings() {
                }

                @Override
                public void logout() {
                }

                @Override
                public void quit() {
                }
            };
            MainWindow window = new MainWindow(new AdminSession(nowhere, "admin"), settings, ignored);
            window.show();
            return window;
        });
    }
}
