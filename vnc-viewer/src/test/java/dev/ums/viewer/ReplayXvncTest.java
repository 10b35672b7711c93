package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.TestPattern;
import dev.ums.testkit.vnc.XvncServer;
import java.net.Socket;
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
                firstFrame = LivePicture.settled(session);
                firstMoment = tee.now();

                xvnc.showImage(TestPattern.oval(320, 240));
                assertThat(LivePicture.awaitChange(session, firstFrame)).as("the live picture changed").isTrue();
                secondFrame = LivePicture.settled(session);
                secondMoment = tee.now();

                long window = xvnc.showImageWindow(TestPattern.render(100, 80), 20, 20);
                xvnc.moveWindow(window, 150, 120);
                assertThat(LivePicture.awaitChange(session, secondFrame)).as("the live picture changed").isTrue();
                lastFrame = LivePicture.settled(session);
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
}
