package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our decoded framebuffer against the pixels of a real TigerVNC Xvnc, one encoding at a time. */
class RealXvncTest {
    private static XvncServer xvnc;

    @BeforeAll
    static void startServer() {
        xvnc = XvncServer.start(320, 240);
    }

    @AfterAll
    static void stopServer() {
        xvnc.close();
    }

    static VncSession connect(XvncServer server, VncSettings settings) throws IOException, InterruptedException {
        Socket socket = new Socket(server.host(), server.port());
        VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings).start();
        boolean complete = session.awaitFirstFrame(10, TimeUnit.SECONDS);
        if (!complete) {
            session.close();
        }
        assertThat(complete).as("first frame (error: %s)", session.error()).isTrue();
        return session;
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void losslessEncodingMatchesServerPixelsExactly(Encoding encoding) throws Exception {
        try (VncSession session = connect(xvnc,
                VncSettings.builder().encodings(encoding).jpegQuality(VncSettings.LOSSLESS).build())) {
            int[] expected = xvnc.screenPixels();
            assertThat(java.util.Arrays.stream(expected).distinct().count()).as("test pattern shown").isGreaterThan(1000);
            assertThat(session.framebuffer().width()).isEqualTo(320);
            assertThat(differingPixels(session.framebuffer().copyPixels(), expected, 0)).isZero();
            if (encoding != Encoding.COPY_RECT) {
                assertThat(session.rectangleCount(encoding)).isPositive();
            }
            assertThat(session.desktopName()).isEqualTo("xvnc-test");
        }
    }

    @Test
    void movedWindowArrivesAsCopyRect() throws Exception {
        try (XvncServer server = XvncServer.start(320, 240)) {
            long window = server.showImageWindow(dev.ums.testkit.vnc.TestPattern.render(120, 90), 10, 10);
            VncSettings settings = VncSettings.builder().encodings(Encoding.COPY_RECT, Encoding.RAW).build();
            try (VncSession session = connect(server, settings)) {
                server.moveWindow(window, 150, 100);
                int[] expected = server.screenPixels();
                for (int i = 0; i < 200 && !java.util.Arrays.equals(session.framebuffer().copyPixels(), expected); i++) {
                    Thread.sleep(20);
                }
                assertThat(session.rectangleCount(Encoding.COPY_RECT)).isPositive();
                assertThat(differingPixels(session.framebuffer().copyPixels(), expected, 0)).isZero();
            }
        }
    }

    /**
     * Stated error of Tight JPEG on the test pattern (a third of which is random noise, JPEG's
     * worst case): mean absolute channel error and share of pixels off by more than 64 levels.
     * Measured with Xvnc 1.12: q0 19.7 / 21 %, q3 12.6 / 10 %, q6 3.1 / 0.02 %, q9 0.26 / 0 %.
     */
    @ParameterizedTest
    @CsvSource({"0, 24, 0.25", "3, 15, 0.12", "6, 4, 0.005", "9, 1, 0.001"})
    void tightJpegStaysWithinStatedError(int quality, double maxMeanError, double maxFarOff) throws Exception {
        VncSettings settings = VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(quality).build();
        try (VncSession session = connect(xvnc, settings)) {
            int[] expected = xvnc.screenPixels();
            int[] actual = session.framebuffer().copyPixels();
            assertThat(differingPixels(actual, expected, 0)).as("JPEG is lossy, so it was used").isPositive();
            assertThat(meanAbsoluteError(actual, expected)).isLessThan(maxMeanError);
            assertThat(differingPixels(actual, expected, 64)).isLessThanOrEqualTo((int) (actual.length * maxFarOff));
        }
    }

    /**
     * Quality 9 over a screen of random colours: Xvnc codes it in more than 4 bytes per pixel, which the JPEG length
     * check once refused ("implausible JPEG length"), ending the session when the quality was raised over noise.
     */
    @Test
    void tightJpegQualityNineOfNoiseIsDecoded() throws Exception {
        try (XvncServer server = XvncServer.start(320, 240)) {
            java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(320, 240,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.util.Random random = new java.util.Random(7);
            for (int y = 0; y < 240; y++) {
                for (int x = 0; x < 320; x++) {
                    noise.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            server.showImage(noise);
            VncSettings settings = VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(9).build();
            try (VncSession session = connect(server, settings)) {
                int[] expected = server.screenPixels();
                int[] actual = session.framebuffer().copyPixels();
                assertThat(session.rectangleCount(Encoding.TIGHT)).isPositive();
                assertThat(differingPixels(actual, expected, 0)).as("JPEG is lossy, so it was used").isPositive();
                assertThat(meanAbsoluteError(actual, expected)).isLessThan(2);
            }
        }
    }

    @Test
    void jpegWorkersDecodeTheSamePixelsAsTheReaderThread() throws Exception {
        int[][] frames = new int[2][];
        for (int threads : new int[] {0, 2}) {
            VncSettings settings = VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(6).jpegThreads(threads)
                    .build();
            try (VncSession session = connect(xvnc, settings)) {
                frames[threads / 2] = session.framebuffer().copyPixels();
            }
        }
        assertThat(differingPixels(frames[0], xvnc.screenPixels(), 0)).as("JPEG is lossy, so it was used").isPositive();
        assertThat(differingPixels(frames[1], frames[0], 0)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 9})
    void everyCompressionLevelStaysLossless(int level) throws Exception {
        for (Encoding encoding : new Encoding[] {Encoding.TIGHT, Encoding.ZRLE}) {
            VncSettings settings = VncSettings.builder().encodings(encoding).jpegQuality(VncSettings.LOSSLESS)
                    .compressionLevel(level).build();
            try (VncSession session = connect(xvnc, settings)) {
                assertThat(differingPixels(session.framebuffer().copyPixels(), xvnc.screenPixels(), 0))
                        .as("%s at level %d", encoding, level).isZero();
            }
        }
    }

    static int differingPixels(int[] actual, int[] expected, int tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        int differing = countDifferences(actual, expected, tolerance);
        if (differing > 0 && tolerance == 0) {
            PixelDump.write(actual, expected);
        }
        return differing;
    }

    private static int countDifferences(int[] actual, int[] expected, int tolerance) {
        int differing = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int a = (actual[i] >> shift) & 0xff;
                int e = (expected[i] >> shift) & 0xff;
                if (Math.abs(a - e) > tolerance) {
                    differing++;
                    break;
                }
            }
        }
        return differing;
    }

    static double meanAbsoluteError(int[] actual, int[] expected) {
        long sum = 0;
        for (int i = 0; i < actual.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((actual[i] >> shift) & 0xff) - ((expected[i] >> shift) & 0xff));
            }
        }
        return sum / (actual.length * 3.0);
    }
}
