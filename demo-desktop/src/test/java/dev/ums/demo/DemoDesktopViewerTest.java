package dev.ums.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.Encoding;
import dev.ums.viewer.Keysyms;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo desktop behind its VNC server, as our viewer engine sees it: the picture arrives exactly, typing
 * changes the text field, the pointer draws, the event list scrolls by CopyRect, and what the server does not
 * support is refused cleanly. The clock is fixed so pictures can be compared exactly.
 */
class DemoDesktopViewerTest {
    @RegisterExtension
    final DemoServerFixture demo = new DemoServerFixture();

    @BeforeEach
    void start() throws Exception {
        demo.start("kiosk-7");
    }

    private VncSession view(VncSettings settings) throws Exception {
        return demo.view(settings);
    }

    private int[] desktopPixels() {
        return demo.desktop().read(pixels -> Arrays.stream(pixels).map(p -> p & 0xffffff).toArray());
    }

    private void awaitSamePicture(VncSession viewer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !Arrays.equals(viewer.framebuffer().copyPixels(), desktopPixels())) {
            Thread.sleep(20);
        }
        assertThat(firstDifference(viewer.framebuffer().copyPixels(), desktopPixels()))
                .as("first pixel where the viewer differs from the desktop").isEmpty();
    }

    private static String firstDifference(int[] got, int[] want) {
        if (got.length != want.length) {
            return "size " + got.length + " instead of " + want.length;
        }
        for (int i = 0; i < got.length; i++) {
            if (got[i] != want[i]) {
                return String.format("(%d,%d): %06x instead of %06x", i % DesktopScene.WIDTH, i / DesktopScene.WIDTH,
                        got[i], want[i]);
            }
        }
        return "";
    }

    private static void type(VncSession viewer, String text) {
        text.codePoints().forEach(cp -> {
            viewer.sendKey(Keysyms.forCodePoint(cp), true);
            viewer.sendKey(Keysyms.forCodePoint(cp), false);
        });
    }

    private void awaitText(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !demo.desktop().typedText().equals(expected)) {
            Thread.sleep(20);
        }
        assertThat(demo.desktop().typedText()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = Encoding.class, names = {"RAW", "HEXTILE", "ZRLE"})
    void typingShowsInTheTextFieldTheViewerSees(Encoding encoding) throws Exception {
        VncSession viewer = view(VncSettings.builder().encodings(encoding).build());
        awaitSamePicture(viewer);
        int[] before = viewer.framebuffer().copyPixels();

        type(viewer, "Hello, demo!");
        awaitText("Hello, demo!");
        awaitSamePicture(viewer);
        assertThat(changedIn(before, viewer.framebuffer().copyPixels(), DesktopScene.TEXT_FIELD))
                .as("pixels changed in the text field").isGreaterThan(100);

        viewer.sendKey(Keysyms.BACKSPACE, true);
        viewer.sendKey(Keysyms.BACKSPACE, false);
        awaitText("Hello, demo");
        awaitSamePicture(viewer);
        assertThat(viewer.rectangleCount(encoding)).isGreaterThan(2);
    }

    private static int changedIn(int[] a, int[] b, dev.ums.demo.internal.vnc.Rect r) {
        int changed = 0;
        for (int y = r.y(); y < r.bottom(); y++) {
            for (int x = r.x(); x < r.right(); x++) {
                int i = y * DesktopScene.WIDTH + x;
                if (a[i] != b[i]) {
                    changed++;
                }
            }
        }
        return changed;
    }

    @Test
    void thePointerDrawsItsTrailAndClicksScrollTheEventsByCopyRect() throws Exception {
        VncSession viewer = view(VncSettings.builder().encodings(Encoding.COPY_RECT, Encoding.ZRLE).build());
        for (int x = 100; x <= 400; x += 20) {
            viewer.sendPointer(x, 560, 0);
        }
        for (int i = 0; i < DesktopScene.SLOTS + 3; i++) {
            viewer.sendPointer(300 + i, 450, 1);
            viewer.sendPointer(300 + i, 450, 0);
        }
        int lastClick = 300 + DesktopScene.SLOTS + 2;
        // input travels on its own; wait until the desktop drew the last click before comparing pictures
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && desktopPixels()[(450 - 7) * DesktopScene.WIDTH + lastClick] != 0xef4444) {
            Thread.sleep(20);
        }
        awaitSamePicture(viewer);
        int[] pixels = viewer.framebuffer().copyPixels();
        assertThat(pixels[560 * DesktopScene.WIDTH + 250]).as("trail colour").isEqualTo(0xf59e0b);
        assertThat(viewer.rectangleCount(Encoding.COPY_RECT)).as("scrolls sent as CopyRect").isPositive();
    }

    @Test
    void enterLogsTheTextAndClearsTheField() throws Exception {
        VncSession viewer = view(VncSettings.defaults());
        type(viewer, "abc");
        awaitText("abc");
        viewer.sendKey(Keysyms.RETURN, true);
        viewer.sendKey(Keysyms.RETURN, false);
        awaitText("");
        awaitSamePicture(viewer);
    }

    /** A connection to the demo server that speaks RFB by hand, to send what our viewer never would. */
    private Socket handWrittenClient() throws IOException {
        return demo.connect();
    }

    @Test
    void aSecurityTypeOtherThanNoneIsRefusedWithAReason() throws Exception {
        try (Socket socket = handWrittenClient()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            out.write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readNBytes(2)).containsExactly(1, 1);
            out.write(2);
            assertThat(in.readInt()).as("SecurityResult failed").isEqualTo(1);
            String reason = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            assertThat(reason).isEqualTo("only security type None is offered");
            assertThat(in.read()).as("then the connection closes").isEqualTo(-1);
        }
    }

    @Test
    void anUnknownMessageTypeClosesTheConnectionAndTheServerGoesOn() throws Exception {
        try (Socket socket = handWrittenClient()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            in.readNBytes(12);
            out.write("RFB 003.003\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readInt()).as("3.3: the server picks None").isEqualTo(1);
            out.write(1);
            assertThat(in.readUnsignedShort()).isEqualTo(DesktopScene.WIDTH);
            assertThat(in.readUnsignedShort()).isEqualTo(DesktopScene.HEIGHT);
            in.readNBytes(16);
            assertThat(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8)).isEqualTo("kiosk-7");
            out.write(new byte[] {(byte) 250, 0, 0, 0});
            assertThat(in.read()).as("closed without a byte more").isEqualTo(-1);
        }
        VncSession viewer = view(VncSettings.defaults());
        awaitSamePicture(viewer);
    }

    @Test
    void viewersBeyondTheLimitAreRefusedWithAReason() throws Exception {
        for (int i = 0; i < DemoVncServer.MAX_VIEWERS; i++) {
            view(VncSettings.defaults());
        }
        try (Socket socket = handWrittenClient()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readNBytes(12);
            socket.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readUnsignedByte()).as("no security types: refused").isZero();
            assertThat(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8))
                    .isEqualTo("this demo desktop already has " + DemoVncServer.MAX_VIEWERS + " viewers");
        }
    }
}
