package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real session against a real Xvnc, both directions of its socket recorded with their times, replayed: the
 * replayed picture equals what the live viewer showed at the same moments and at the end, pixel for pixel.
 */
class ReplayXvncTest {
    @ParameterizedTest(name = "{0}, {1}, password {2}")
    @CsvSource({"TIGHT, TRUE_COLOR_24, false", "ZRLE, HIGH_COLOR_16, false", "TIGHT, TRUE_COLOR_24, true",
            "HEXTILE, COLOURS_256, true"})
    void replayedFramesEqualTheLiveViewersFrames(Encoding encoding, ColorDepth depth, boolean password)
            throws Exception {
        try (XvncServer xvnc = password ? XvncServer.startWithPassword(320, 240, "replay")
                : XvncServer.start(320, 240)) {
            Socket socket = new Socket(xvnc.host(), xvnc.port());
            TeeRecorder tee = new TeeRecorder(socket);
            VncSettings.Builder settings = VncSettings.builder().encodings(encoding, Encoding.COPY_RECT)
                    .colorDepth(depth);
            if (password) {
                settings.password("replay".toCharArray());
            }
            long firstMoment;
            int[] firstFrame;
            long secondMoment;
            int[] secondFrame;
            int[] lastFrame;
            try (VncSession session = new VncSession(tee.in(), tee.out(), settings.build()).start()) {
                assertThat(session.awaitFirstFrame(20, TimeUnit.SECONDS)).as("first frame: %s", session.error()).isTrue();
                firstFrame = settled(session);
                firstMoment = tee.now();

                xvnc.showImage(shapes(320, 240));
                awaitChange(session, firstFrame);
                secondFrame = settled(session);
                secondMoment = tee.now();

                long window = xvnc.showImageWindow(TestPattern.render(100, 80), 20, 20);
                xvnc.moveWindow(window, 150, 120);
                awaitChange(session, secondFrame);
                lastFrame = settled(session);
            }
            RecordedChunks recording = tee.recording();
            try (VncReplay replay = new VncReplay(recording)) {
                replay.advanceTo(secondMoment);
                assertThat(differing(replay.framebuffer().copyPixels(), secondFrame)).as("second moment").isZero();
                replay.advanceTo(Long.MAX_VALUE);
                assertThat(replay.ended()).isTrue();
                assertThat(replay.security()).isEqualTo(password ? "VncAuth" : "None");
                assertThat(differing(replay.framebuffer().copyPixels(), lastFrame)).as("end").isZero();
                replay.advanceTo(firstMoment);
                assertThat(recording.opened()).as("a step back restarts").isEqualTo(2);
                assertThat(differing(replay.framebuffer().copyPixels(), firstFrame)).as("first moment").isZero();
            }
        }
    }

    /** Waits until the live picture has not changed for half a second, and returns it. */
    private static int[] settled(VncSession session) throws InterruptedException {
        int[] last = session.framebuffer().copyPixels();
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            int[] now = session.framebuffer().copyPixels();
            if (!Arrays.equals(now, last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }

    private static void awaitChange(VncSession session, int[] before) throws InterruptedException {
        for (int i = 0; i < 400 && Arrays.equals(session.framebuffer().copyPixels(), before); i++) {
            Thread.sleep(25);
        }
        assertThat(session.framebuffer().copyPixels()).as("the live picture changed").isNotEqualTo(before);
    }

    private static long differing(int[] a, int[] b) {
        assertThat(a).hasSameSizeAs(b);
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }

    private static BufferedImage shapes(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x204080));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.ORANGE);
        g.fillOval(40, 30, 120, 90);
        g.setColor(Color.WHITE);
        g.drawString("replayed", 180, 200);
        g.dispose();
        return image;
    }
}
