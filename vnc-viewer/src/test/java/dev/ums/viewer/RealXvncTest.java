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
import org.junit.jupiter.params.provider.EnumSource;

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
        try (VncSession session = connect(xvnc, VncSettings.builder().encodings(encoding).build())) {
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
    void tightJpegStaysWithinStatedError() throws Exception {
        VncSettings settings = VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(8).build();
        try (VncSession session = connect(xvnc, settings)) {
            int[] expected = xvnc.screenPixels();
            int[] actual = session.framebuffer().copyPixels();
            assertThat(differingPixels(actual, expected, 0)).as("JPEG is lossy, so it was used").isPositive();
            assertThat(meanAbsoluteError(actual, expected)).isLessThan(6.0);
            assertThat(differingPixels(actual, expected, 64)).isLessThan(actual.length / 100);
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
