package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * 1:1 means 1:1: the stand-alone window around a real Xvnc's desktop, shown on the test display, holds the X
 * server's pixels unscaled, read back from the screen (lossless, so that the first picture is already exact); closing
 * it closes the session off the event thread. Needs a display (Xvfb) larger than the desktop.
 */
class VncViewerWindowTest {

    @Test
    void aDesktopThatFitsIsShownPixelForPixel() throws Exception {
        try (XvncServer xvnc = XvncServer.start(333, 217)) {
            Socket socket = new Socket(xvnc.host(), xvnc.port());
            VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                    VncSettings.builder().jpegQuality(VncSettings.LOSSLESS).build());
            AtomicReference<VncViewerWindow> window = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> {
                window.set(new VncViewerWindow(session, "1:1"));
                window.get().show();
            });
            try (session) {
                session.start();
                assertThat(session.awaitFirstFrame(10, TimeUnit.SECONDS)).isTrue();
                assertShownPixelForPixel(window.get().view(), xvnc, 333, 217);
            } finally {
                SwingUtilities.invokeAndWait(() -> window.get().frame().dispose());
            }
        }
    }

    @Test
    void aWindowBuiltAfterTheSessionConnectedIsSizedAndPaintedAsOneBuiltBefore() throws Exception {
        try (XvncServer xvnc = XvncServer.start(1000, 700)) {
            Socket socket = new Socket(xvnc.host(), xvnc.port());
            VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                    VncSettings.builder().jpegQuality(VncSettings.LOSSLESS).build());
            AtomicReference<VncViewerWindow> window = new AtomicReference<>();
            try (session) {
                session.start();
                assertThat(session.awaitFirstFrame(10, TimeUnit.SECONDS)).isTrue();
                // Connected and first picture already told: the window hears connected when it registers, and keeps the
                // desktop's size when shown (larger than the 800×600 a window starts with, so it would be scaled).
                SwingUtilities.invokeAndWait(() -> {
                    window.set(new VncViewerWindow(session, "late"));
                    window.get().show();
                });
                assertShownPixelForPixel(window.get().view(), xvnc, 1000, 700);
            } finally {
                SwingUtilities.invokeAndWait(() -> window.get().frame().dispose());
            }
        }
    }

    @Test
    void closingTheWindowClosesTheSessionOffTheEventThread() throws Exception {
        ScriptedServer server = new ScriptedServer(ScriptedServer.greeting(4, 2).toArray(), true);
        CountDownLatch streamClosed = new CountDownLatch(1);
        AtomicReference<Boolean> closedOnEventThread = new AtomicReference<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closedOnEventThread.compareAndSet(null, SwingUtilities.isEventDispatchThread());
                streamClosed.countDown();
            }
        };
        VncSession session = new VncSession(server, out, VncSettings.defaults());
        ViewClipboardTest.startAndAwaitConnected(session);
        AtomicReference<VncViewerWindow> window = new AtomicReference<>();
        try (session) {
            SwingUtilities.invokeAndWait(() -> {
                window.set(new VncViewerWindow(session, "closing"));
                window.get().show();
            });
            SwingUtilities.invokeAndWait(() -> window.get().frame().dispose());

            assertThat(streamClosed.await(10, TimeUnit.SECONDS)).as("closing the window closed the session").isTrue();
            assertThat(closedOnEventThread.get()).as("closed on the event thread").isFalse();
            assertThat(session.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Waits up to 10 s for the view to show Xvnc's screen unscaled, pixel for pixel, read back from the screen. */
    private static void assertShownPixelForPixel(VncView view, XvncServer xvnc, int width, int height)
            throws Exception {
        int[] expected = xvnc.screenPixels();
        int[] shown = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);   // the window is sized to the desktop once connected, then painted
            shown = screenOf(view, width, height);
            if (java.util.Arrays.equals(shown, expected)) {
                break;
            }
        }
        AtomicReference<Double> scale = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> scale.set(view.scale()));
        assertThat(scale.get()).isEqualTo(1.0);
        assertThat(view.scaling()).isEqualTo(VncView.Scaling.AUTO);
        assertThat(shown).as("the window's pixels against the X server's").isEqualTo(expected);
    }

    /** The desktop's area of the view as the screen shows it. */
    private static int[] screenOf(VncView view, int width, int height) throws Exception {
        AtomicReference<Rectangle> area = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            Point onScreen = view.getLocationOnScreen();
            Point origin = view.origin();
            area.set(new Rectangle(onScreen.x + origin.x, onScreen.y + origin.y, width, height));
        });
        BufferedImage shot = new Robot().createScreenCapture(area.get());
        int[] rgb = shot.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xffffff;
        }
        return rgb;
    }
}
