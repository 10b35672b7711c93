package dev.ums.console.gui;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.find;
import static dev.ums.console.gui.GuiTests.onEdt;
import static dev.ums.console.gui.GuiTests.press;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.agent.DeviceAgent;
import dev.ums.console.gui.internal.log.DownloadedRecordings;
import dev.ums.console.gui.internal.session.SessionTab;
import dev.ums.recording.RecordingReader;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.swing.JSlider;
import org.assertj.swing.core.Robot;
import org.assertj.swing.finder.WindowFinder;
import org.assertj.swing.fixture.DialogFixture;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording and playback end to end: a real server recording sessions, a real agent and Xvnc, the console
 * shadowing the device; then Shadow log → Play downloads the recording through the REST API and the player's
 * last picture equals what the session tab showed, pixel for pixel
 * apart from the recorded cursor it draws; the downloaded copy is owner-only, and Quit with the player open closes it
 * and deletes the copy.
 */
class RecordedSessionPlaybackTest {
    @TempDir
    static Path dir;
    static XvncServer xvnc;
    static UmsServer server;
    static DeviceAgent kiosk;
    static ConsoleApp app;
    static Robot robot;

    @BeforeAll
    static void start() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        xvnc = XvncServer.start(400, 300);
        server = UmsServer.start(ServerConfig.forTests(dir.resolve("server")).toBuilder().recordSessions(true).build());
        kiosk = GuiTests.agent(server, dir, "kiosk-1", xvnc.port());
        await().until(kiosk::isConnected);
        robot = GuiTests.robot();
        app = ConsoleApp.start(dir.resolve("config"));
    }

    @AfterAll
    static void stop() throws Exception {
        GuiActionRunnerQuit.quitAndClose(app, robot, kiosk, server, xvnc);
    }

    @Test
    void shadowLogPlayShowsWhatTheSessionShowed() throws Exception {
        FrameFixture main = GuiTests.logInTrustingTheServer(robot, server);

        await().until(() -> onEdt(() -> main.table("devices").target().getRowCount()) == 1);
        main.table("devices").cell("kiosk-1").doubleClick();
        await().until(() -> onEdt(() -> main.tabbedPane("tabs").target().getSelectedComponent() instanceof SessionTab t
                && t.isLive()));
        SessionTab tab = onEdt(() -> (SessionTab) main.tabbedPane("tabs").target().getSelectedComponent());
        int[] pattern = xvnc.screenPixels();
        await().until(() -> Arrays.equals(tab.vncSession().framebuffer().copyPixels(), pattern));
        xvnc.showImage(TestPattern.oval(400, 300));
        int[] shown = xvnc.screenPixels();
        await().until(() -> Arrays.equals(tab.vncSession().framebuffer().copyPixels(), shown));
        onEdt(() -> {
            tab.requestCloseTab();
            return null;
        });
        await().until(() -> server.relay().activeSessions() == 0);
        // the recorder writes the session's end on its own thread after the relay let the session go
        await().until(() -> recordingsComplete(dir.resolve("server").resolve("recordings")));

        main.table("devices").cell("kiosk-1").showPopupMenu().menuItem("shadowLog").click();
        DialogFixture log = WindowFinder.findDialog("shadowLog").withTimeout(10_000).using(robot);
        await().until(() -> onEdt(() -> log.button("shadowLogPlay").target().isVisible()));
        assertThat(log.table("shadowLogTable").contents()[0][8]).as("the Recorded column").isEqualTo("yes");
        onEdt(() -> {
            log.table("shadowLogTable").target().setRowSelectionInterval(0, 0);
            return null;
        });
        await().until(() -> onEdt(() -> log.button("shadowLogPlay").target().isEnabled()));
        List<Path> before = DownloadedRecordings.folders();
        press(log.button("shadowLogPlay").target());

        FrameFixture player = WindowFinder.findFrame("player").withTimeout(30_000).using(robot);
        assertThat(onEdt(() -> player.target().getTitle())).startsWith("Recording – kiosk-1 – ");
        JSlider seek = await().until(() -> onEdt(() -> (JSlider) find(player.target(), "playerSeek")),
                slider -> slider != null);
        onEdt(() -> {
            seek.setValue(seek.getMaximum());
            return null;
        });
        // The player draws the recorded cursor where the console's pointer was, as the live view did over the picture.
        await().untilAsserted(() -> assertThat(differing(framebufferOf(player.target()), shown))
                .isLessThanOrEqualTo(64 * 64));
        assertThat(differing(framebufferOf(player.target()), pattern)).isGreaterThan(400 * 300 / 2);
        List<Path> downloaded = DownloadedRecordings.folders().stream().filter(f -> !before.contains(f)).toList();
        assertThat(downloaded).as("the player's downloaded copy, in a folder of its own").hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(downloaded.get(0))))
                .isEqualTo("rwx------");
        try (Stream<Path> inside = Files.list(downloaded.get(0))) {
            assertThat(inside.map(p -> p.getFileName().toString())).containsExactly("recording.umsrec");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                downloaded.get(0).resolve("recording.umsrec")))).isEqualTo("rw-------");

        // Quit with the player still open: the player closes and its copy of the recording goes with the console.
        GuiActionRunnerQuit.quit(app);
        assertThat(onEdt(() -> player.target().isDisplayable())).isFalse();
        await().until(() -> Files.notExists(downloaded.get(0)));
    }

    /** The replayed pixels, painted by the player's frame view at 100 %. */
    private static int[] framebufferOf(java.awt.Frame player) {
        return onEdt(() -> {
            Component view = find(player, "playerFrame");
            BufferedImage image = new BufferedImage(view.getWidth(), view.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            view.paint(g);
            g.dispose();
            int x0 = (view.getWidth() - 400) / 2;
            int y0 = (view.getHeight() - 300) / 2;
            int[] rgb = image.getRGB(x0, y0, 400, 300, null, 0, 400);
            return Arrays.stream(rgb).map(p -> p & 0xffffff).toArray();
        });
    }

    private static int differing(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }

    private static boolean recordingsComplete(Path recordings) throws IOException {
        try (Stream<Path> files = Files.list(recordings)) {
            List<Path> all = files.toList();
            return !all.isEmpty() && all.stream().allMatch(RecordedSessionPlaybackTest::complete);
        }
    }

    private static boolean complete(Path file) {
        try (RecordingReader reader = RecordingReader.open(file)) {
            while (reader.next().isPresent()) {
                // read to the end
            }
            return reader.complete();
        } catch (IOException e) {
            return false;
        }
    }
}
