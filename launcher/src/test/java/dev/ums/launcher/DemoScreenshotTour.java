package dev.ums.launcher;

import dev.ums.console.gui.internal.MainWindow;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import java.awt.Rectangle;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.awaitility.Awaitility;

/**
 * Not a test: runs {@code ums demo}'s cluster and console in this process on the current X display, drives the
 * console to its main screens and saves a PNG of each window (ImageMagick {@code import} of the display) for the
 * README. Run with the test class path: {@code java … dev.ums.launcher.DemoScreenshotTour docs/screenshots}.
 */
public final class DemoScreenshotTour {
    private DemoScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        try (DemoCluster cluster = DemoCluster.start("127.0.0.1", 0, null)) {
            DemoConsole.prepare();
            DemoConsole console = DemoConsole.open(cluster, new CountDownLatch(1)::countDown);
            Robot robot = BasicRobot.robotWithCurrentAwtHierarchy();
            FrameFixture main = WindowFinder.findFrame("main").withTimeout(20_000).using(robot);
            MainWindow window = console.app().mainWindow();
            await(() -> main.table("devices").target().getRowCount() == 6);
            main.table("devices").cell("kiosk-1").click();
            Thread.sleep(800);
            shoot(main.target(), out.resolve("main.png"));

            for (String device : new String[] {"kiosk-1", "branch-1", "legacy-2"}) {
                main.tabbedPane("tabs").selectTab(0);
                main.table("devices").cell(device).doubleClick();
                await(() -> window.sessions().component().getSelectedComponent() instanceof SessionTab t
                        && t.device().name().equals(device) && t.isLive());
            }
            Thread.sleep(2500);
            shoot(main.target(), out.resolve("session.png"));
            onEdt(() -> {
                window.sessions().showOverview();
                return null;
            });
            Thread.sleep(2500);
            shoot(main.target(), out.resolve("overview.png"));

            // a finished session, so the log shows its end and its bytes
            main.tabbedPane("tabs").selectTab(0);
            main.table("devices").cell("kiosk-2").doubleClick();
            await(() -> window.sessions().component().getSelectedComponent() instanceof SessionTab t
                    && t.device().name().equals("kiosk-2") && t.isLive());
            Thread.sleep(1500);
            onEdt(() -> {
                ((SessionTab) window.sessions().component().getSelectedComponent()).requestCloseTab();
                return null;
            });
            Thread.sleep(1500);
            main.tabbedPane("tabs").selectTab(0);
            main.table("devices").cell("kiosk-2").click();
            main.button("tb-shadowLog").click();
            DialogFixture log = WindowFinder.findDialog("shadowLog").withTimeout(10_000).using(robot);
            await(() -> log.table("shadowLogTable").target().getRowCount() > 0);
            Thread.sleep(500);
            shoot(log.target(), out.resolve("shadow-log.png"));
            onEdt(() -> {
                log.target().dispose();
                return null;
            });

            main.button("tb-properties").click();
            DialogFixture properties = WindowFinder.findDialog("deviceProperties").withTimeout(10_000).using(robot);
            await(() -> properties.button("saveShadowSettings").target().isEnabled());
            Thread.sleep(800);
            shoot(properties.target(), out.resolve("properties.png"));
            onEdt(() -> {
                properties.target().dispose();
                return null;
            });

            AdminRest.login(cluster).fileReenrollment("kiosk-2");
            main.menuItem("menuReenrollments").click();
            DialogFixture reenrollments = WindowFinder.findDialog("reenrollments").withTimeout(10_000).using(robot);
            await(() -> reenrollments.table("reenrollmentsTable").target().getRowCount() == 1);
            reenrollments.table("reenrollmentsTable").selectRows(0);
            Thread.sleep(500);
            shoot(reenrollments.target(), out.resolve("reenrollments.png"));
            onEdt(() -> {
                reenrollments.target().dispose();
                return null;
            });

            main.menuItem("menuSettings").click();
            DialogFixture settings = WindowFinder.findDialog("settings").withTimeout(10_000).using(robot);
            // the dialog is mapped before it is packed and centred; wait for it to settle
            Thread.sleep(1200);
            shoot(settings.target(), out.resolve("settings.png"));
            onEdt(() -> {
                settings.target().dispose();
                return null;
            });

            onEdt(() -> {
                Themes.switchTo(Theme.DARK, false);
                return null;
            });
            main.tabbedPane("tabs").selectTab(0);
            main.table("devices").cell("branch-1").click();
            Thread.sleep(1000);
            shoot(main.target(), out.resolve("main-dark.png"));
            robot.cleanUp();
            console.close();
        }
        System.exit(0);
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> onEdt(condition));
    }

    private static <T> T onEdt(Callable<T> read) {
        return GuiActionRunner.execute(read);
    }

    private static void shoot(Window window, Path file) throws Exception {
        Rectangle r = onEdt(() -> new Rectangle(window.getLocationOnScreen(), window.getSize()));
        Process p = new ProcessBuilder("import", "-window", "root", "-crop",
                r.width + "x" + r.height + "+" + r.x + "+" + r.y, "+repage", file.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
    }
}
