package dev.ums.console.gui.internal.playback;

import static dev.ums.console.gui.GuiTests.await;
import static dev.ums.console.gui.GuiTests.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.GuiTests;
import dev.ums.console.gui.internal.Edt;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JSlider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The player on a recording of a real session with a real Xvnc, under Xvfb: it plays to the end at 4× and shows
 * the live viewer's last picture, seeks back to the first moment and shows that picture, lists the session's input
 * events, a file that is no recording is one sentence, and one damaged halfway plays up to the damage. Fails on any
 * Swing call off the event thread.
 */
class PlayerWindowTest {
    @TempDir
    static Path dir;
    private static Path recording;
    private static RecordedSessionFile live;

    @BeforeAll
    static void record() throws Exception {
        GuiTests.requireDisplayAndEventThreadRule();
        recording = dir.resolve("s-1.umsrec");
        try (XvncServer xvnc = XvncServer.start(480, 300)) {
            live = RecordedSessionFile.record(xvnc, recording);
        }
    }

    @Test
    void playsSeeksAndShowsTheRecordedPictures() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        PlayerWindow player = Edt.call(() -> PlayerWindow.open(null, recording, "Recording – kiosk-1", closed::countDown));
        try {
            await().until(() -> onEdt(player::ready));
            JButton play = (JButton) find(player, "playerPlay");
            assertThat(onEdt(() -> ((JLabel) find(player, "playerStatus")).getText()))
                    .startsWith("kiosk-1 · admin · ").endsWith(" · " + onEdt(() -> eventCount(player)) + " input events");
            assertThat(onEdt(() -> eventCount(player))).isGreaterThanOrEqualTo(live.inputEvents);

            onEdt(() -> {
                ((JComboBox<?>) find(player, "playerSpeed")).setSelectedItem("4×");
                play.doClick();
                return null;
            });
            assertThat(onEdt(play::getText)).isEqualTo("Pause");
            await().until(() -> onEdt(() -> !player.clock().playing()));
            assertThat(onEdt(play::getText)).isEqualTo("Play");
            await().untilAsserted(() -> assertThat(player.view().framebufferPixels()).isEqualTo(live.lastFrame));
            assertThat(onEdt(() -> ((JLabel) find(player, "playerTime")).getText()))
                    .matches("(\\d+:\\d\\d\\.\\d) / \\1");
            assertThat(differingPainted(player)).as("painted pixels off the framebuffer's (the cursor)")
                    .isLessThanOrEqualTo(64 * 64);
            screenshot();

            onEdt(() -> {
                ((JSlider) find(player, "playerSeek")).setValue((int) (live.firstMoment / 1000));
                return null;
            });
            await().untilAsserted(() -> assertThat(player.view().framebufferPixels()).isEqualTo(live.firstFrame));
            await().until(() -> onEdt(() -> ((JLabel) find(player, "playerStatus")).getText()),
                    text -> text.startsWith("kiosk-1 · admin · "));

            long end = onEdt(() -> {
                JSlider seek = (JSlider) find(player, "playerSeek");
                seek.setValue(seek.getMaximum());
                return player.clock().position(System.nanoTime());
            });
            assertThat(end).as("the slider at its end, in µs").isEqualTo(onEdt(() -> player.clock().duration()));
            await().untilAsserted(() -> assertThat(player.view().framebufferPixels()).isEqualTo(live.lastFrame));
        } finally {
            onEdt(() -> {
                player.frame().dispose();
                return null;
            });
        }
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("the player told its owner it closed").isTrue();
    }

    @Test
    void damagedRecordingIsOneSentence() throws Exception {
        Path foreign = Files.writeString(dir.resolve("notes.umsrec"), "just text\n");
        PlayerWindow player = Edt.call(() -> PlayerWindow.open(null, foreign, "Recording", () -> { }));
        try {
            await().until(() -> onEdt(() -> ((JLabel) find(player, "playerStatus")).getText()),
                    text -> text.equals(foreign + " is not a session recording."));
        } finally {
            onEdt(() -> {
                player.frame().dispose();
                return null;
            });
        }
    }

    /** Damage halfway through loses only what follows it: the player plays up to it, as far as a cut-off copy. */
    @Test
    void aRecordingDamagedHalfwayPlaysUpToTheDamageAndSaysWhere() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        Path damaged = Files.write(dir.resolve("damaged-halfway.umsrec"), DamagedRecording.damagedHalfway(whole));
        Path cut = Files.write(dir.resolve("cut-halfway.umsrec"), DamagedRecording.cutHalfway(whole));
        String after = PlayerWindow.clockText(DamagedRecording.lastChunkMicros(cut));
        PlayerWindow player = Edt.call(() -> PlayerWindow.open(null, damaged, "Recording", () -> { }));
        try {
            await().until(() -> onEdt(player::ready));
            assertThat(onEdt(() -> ((JLabel) find(player, "playerStatus")).getText()))
                    .startsWith("kiosk-1 · admin · ").endsWith(" · damaged after " + after + ", plays up to there");
            assertThat(onEdt(() -> find(player, "playerPlay").isEnabled())).as("Play").isTrue();
            assertThat(onEdt(() -> ((JLabel) find(player, "playerTime")).getText())).endsWith(" / " + after);
        } finally {
            onEdt(() -> {
                player.frame().dispose();
                return null;
            });
        }
    }

    @Test
    void aRecordingThatEndsBeforeThePictureSaysSoAndOffersNoPlaying() throws Exception {
        Path cut = dir.resolve("cut.umsrec");
        try (dev.ums.recording.RecordingWriter writer = dev.ums.recording.RecordingWriter.create(cut,
                new dev.ums.recording.RecordingHeader("s-2", "d-1", "kiosk-1", "admin", java.time.Instant.now(), false,
                        "server-relay"))) {
            byte[] version = "RFB 003.008\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            writer.write(dev.ums.recording.Direction.FROM_DEVICE, 200, version, 0, version.length);
            writer.end(900, "closed by the console");
        }
        PlayerWindow player = Edt.call(() -> PlayerWindow.open(null, cut, "Recording", () -> { }));
        try {
            await().until(() -> onEdt(() -> ((JLabel) find(player, "playerStatus")).getText()),
                    text -> text.equals("The recording ends before the VNC connection was established."));
            assertThat(onEdt(() -> find(player, "playerPlay").isEnabled())).as("Play").isFalse();
            assertThat(onEdt(() -> find(player, "playerSeek").isEnabled())).as("the slider").isFalse();
            assertThat(onEdt(() -> find(player, "playerSpeed").isEnabled())).as("the speed").isFalse();
        } finally {
            onEdt(() -> {
                player.frame().dispose();
                return null;
            });
        }
    }

    private static int eventCount(PlayerWindow player) {
        return player.timelineEvents();
    }

    private static java.awt.Component find(PlayerWindow player, String name) {
        return findIn(player.frame().getContentPane(), name);
    }

    private static java.awt.Component findIn(java.awt.Container in, String name) {
        for (java.awt.Component c : in.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof java.awt.Container inner) {
                java.awt.Component found = findIn(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Pixels where the view, painted at 100 %, differs from the framebuffer: only the drawn cursor should. */
    private static int differingPainted(PlayerWindow player) {
        return onEdt(() -> {
            FrameView view = player.view();
            assertThat(view.scale()).isEqualTo(1.0);
            BufferedImage image = new BufferedImage(view.getWidth(), view.getHeight(), BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = image.createGraphics();
            view.paint(g);
            g.dispose();
            java.awt.Point o = view.origin();
            int[] frame = live.lastFrame;
            int n = 0;
            for (int y = 0; y < live.height; y++) {
                for (int x = 0; x < live.width; x++) {
                    if ((image.getRGB(o.x + x, o.y + y) & 0xffffff) != frame[y * live.width + x]) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /** The whole Xvfb screen, as a user would see it, for docs/screenshots/player.png. */
    private static void screenshot() throws Exception {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Process p = new ProcessBuilder("import", "-window", "root", target.resolve("player.png").toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }
}
