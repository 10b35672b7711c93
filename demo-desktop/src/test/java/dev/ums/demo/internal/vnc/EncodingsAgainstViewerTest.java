package dev.ums.demo.internal.vnc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each encoding the demo server writes, read back by our own viewer engine: the decoded pixels must equal the
 * source's exactly in 24-bit colour, and within the quantisation of 16-bit colour; later changes arrive as
 * incremental updates, moves as CopyRect.
 */
class EncodingsAgainstViewerTest {
    private final PatternSource source = new PatternSource();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private VncSession connect(VncSettings settings) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        open.add(listener);
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket server = listener.accept();
        RfbServerSession session = new RfbServerSession(source, server.getInputStream(), server.getOutputStream(),
                server, "test-session", () -> { });
        open.add(session);
        session.start();
        VncSession viewer = new VncSession(client.getInputStream(), client.getOutputStream(), settings);
        open.add(viewer);
        return viewer.start();
    }

    private void awaitSame(VncSession viewer, int tolerance) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int[] want = source.pixels();
        while (System.nanoTime() < deadline && !matches(viewer.framebuffer().copyPixels(), want, tolerance)) {
            Thread.sleep(20);
            want = source.pixels();
        }
        assertThat(viewer.error()).as("viewer error").isNull();
        assertThat(firstDifference(viewer.framebuffer().copyPixels(), want, tolerance))
                .as("first pixel differing by more than %d per channel", tolerance).isEmpty();
    }

    private static String firstDifference(int[] got, int[] want, int tolerance) {
        if (got.length != want.length) {
            return "size " + got.length + " instead of " + want.length;
        }
        for (int i = 0; i < got.length; i++) {
            if (!matches(new int[] {got[i]}, new int[] {want[i]}, tolerance)) {
                return String.format("(%d,%d): %06x instead of %06x", i % PatternSource.WIDTH, i / PatternSource.WIDTH,
                        got[i], want[i]);
            }
        }
        return "";
    }

    private static boolean matches(int[] got, int[] want, int tolerance) {
        if (got.length != want.length) {
            return false;
        }
        for (int i = 0; i < got.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                if (Math.abs(((got[i] >> shift) & 0xff) - ((want[i] >> shift) & 0xff)) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"RAW", "HEXTILE", "ZRLE"})
    void everyPixelArrivesExactlyAndChangesFollow(Encoding encoding) throws Exception {
        VncSession viewer = connect(VncSettings.builder().encodings(encoding).build());
        assertThat(viewer.awaitFirstFrame(10, TimeUnit.SECONDS)).as("first frame").isTrue();
        awaitSame(viewer, 0);

        source.fill(new Rect(30, 70, 100, 40), 0xabcdef);
        source.fill(new Rect(190, 140, 13, 17), 0x000000);
        awaitSame(viewer, 0);
        assertThat(viewer.rectangleCount(encoding)).as(encoding + " rectangles").isGreaterThan(1);
        for (Encoding other : Encoding.values()) {
            if (other != encoding) {
                assertThat(viewer.rectangleCount(other)).as(other + " rectangles").isZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"RAW", "HEXTILE", "ZRLE"})
    void highColourIsServedWithinItsQuantisation(Encoding encoding) throws Exception {
        VncSession viewer = connect(VncSettings.builder().encodings(encoding).colorDepth(ColorDepth.HIGH_COLOR_16).build());
        assertThat(viewer.awaitFirstFrame(10, TimeUnit.SECONDS)).as("first frame").isTrue();
        awaitSame(viewer, 8);
    }

    @Test
    void aMoveIsSentAsCopyRectToClientsThatTakeIt() throws Exception {
        VncSession viewer = connect(VncSettings.builder().encodings(Encoding.COPY_RECT, Encoding.ZRLE).build());
        assertThat(viewer.awaitFirstFrame(10, TimeUnit.SECONDS)).as("first frame").isTrue();
        awaitSame(viewer, 0);
        long zrleBefore = viewer.rectangleCount(Encoding.ZRLE);
        source.move(new Rect(0, 0, 64, 64), 120, 80);
        awaitSame(viewer, 0);
        assertThat(viewer.rectangleCount(Encoding.COPY_RECT)).as("CopyRect rectangles").isEqualTo(1);
        assertThat(viewer.rectangleCount(Encoding.ZRLE)).as("no pixels resent").isEqualTo(zrleBefore);
    }

    @Test
    void aMoveIsSentAsPixelsToClientsThatDoNotTakeCopyRect() throws Exception {
        VncSession viewer = connect(VncSettings.builder().encodings(Encoding.HEXTILE).build());
        assertThat(viewer.awaitFirstFrame(10, TimeUnit.SECONDS)).as("first frame").isTrue();
        source.move(new Rect(0, 0, 64, 64), 120, 80);
        awaitSame(viewer, 0);
        assertThat(viewer.rectangleCount(Encoding.COPY_RECT)).isZero();
    }

    @Test
    void keysReachTheSource() throws Exception {
        VncSession viewer = connect(VncSettings.defaults());
        assertThat(viewer.awaitFirstFrame(10, TimeUnit.SECONDS)).as("first frame").isTrue();
        for (int k : new int[] {'o', 'k'}) {
            viewer.sendKey(k, true);
            viewer.sendKey(k, false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.keys.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(source.keys).containsExactly((int) 'o', (int) 'k');
    }

    @Test
    void aColourMapFormatIsRefusedByClosingTheConnection() throws Exception {
        VncSession viewer = connect(VncSettings.builder().colorDepth(ColorDepth.INDEXED_8).build());
        assertThat(viewer.awaitClosed(10, TimeUnit.SECONDS)).as("closed by the server").isTrue();
        assertThat(viewer.error()).isNotNull();
        assertThat(Arrays.stream(viewer.framebuffer().copyPixels()).distinct().count()).as("nothing drawn").isEqualTo(1);
    }
}
