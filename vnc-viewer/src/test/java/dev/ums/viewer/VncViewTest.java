package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.awt.event.MouseListener;
import java.awt.event.MouseWheelEvent;
import java.awt.event.MouseWheelListener;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** The Swing view over a scripted session: scaling, painting and pointer forwarding. */
class VncViewTest {

    /** A 4×2 desktop: left half red, right half blue. */
    private static ScriptedServer twoColourDesktop() {
        Bytes script = ScriptedServer.greeting(4, 2).u8(0, 0).u16(1).u16(0, 0, 4, 2).s32(0);
        script.pixel32(0xff0000, 0xff0000, 0x0000ff, 0x0000ff).pixel32(0xff0000, 0xff0000, 0x0000ff, 0x0000ff);
        return new ScriptedServer(script.toArray(), true);
    }

    /** A view on {@code session}, made before the session starts so that it sees every frame, once the first is in. */
    private static VncView viewOnFirstFrame(VncSession session) throws Exception {
        VncView view = new VncView(session);
        session.start();
        assertThat(session.awaitFirstFrame(5, TimeUnit.SECONDS)).isTrue();
        return view;
    }

    private static BufferedImage paint(VncView view) throws Exception {
        BufferedImage out = new BufferedImage(view.getWidth(), view.getHeight(), BufferedImage.TYPE_INT_RGB);
        SwingUtilities.invokeAndWait(() -> {
            Graphics2D g = out.createGraphics();
            view.paint(g);
            g.dispose();
        });
        return out;
    }

    @Test
    void scalesToFitActualSizeAndCustom() throws Exception {
        ScriptedServer server = twoColourDesktop();
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            VncView view = viewOnFirstFrame(session);
            view.setSize(40, 20);
            assertThat(view.scaling()).isEqualTo(VncView.Scaling.AUTO);
            assertThat(view.scale()).as("automatic: 1:1 while the desktop fits").isEqualTo(1.0);
            view.setSize(2, 2);
            assertThat(view.scale()).as("automatic: shrunk when it does not").isEqualTo(0.5);
            view.setSize(40, 20);
            view.setScaling(VncView.Scaling.FIT);
            assertThat(view.scale()).isEqualTo(10.0);
            BufferedImage fit = paint(view);
            assertThat(fit.getRGB(5, 10) & 0xffffff).isEqualTo(0xff0000);
            assertThat(fit.getRGB(35, 10) & 0xffffff).isEqualTo(0x0000ff);

            view.setScaling(VncView.Scaling.ACTUAL_SIZE);
            assertThat(view.getPreferredSize()).isEqualTo(new java.awt.Dimension(4, 2));
            BufferedImage actual = paint(view);
            assertThat(actual.getRGB(18, 9) & 0xffffff).isEqualTo(0xff0000);   // centred: origin 18,9
            assertThat(actual.getRGB(0, 0) & 0xffffff).isEqualTo(view.getBackground().getRGB() & 0xffffff);

            view.setCustomScale(2.0);
            assertThat(view.getPreferredSize()).isEqualTo(new java.awt.Dimension(8, 4));
        }
    }

    @Test
    void pointerIsScaledBackToDesktopPixels() throws Exception {
        ScriptedServer server = twoColourDesktop();
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            VncView view = viewOnFirstFrame(session);
            view.setSize(40, 20);
            int before = server.written.size();
            SwingUtilities.invokeAndWait(() -> {
                for (MouseListener l : view.getMouseListeners()) {
                    l.mousePressed(new MouseEvent(view, MouseEvent.MOUSE_PRESSED, 0, 0, 35, 15, 1, false, MouseEvent.BUTTON1));
                }
                for (MouseWheelListener l : view.getMouseWheelListeners()) {
                    l.mouseWheelMoved(new MouseWheelEvent(view, MouseEvent.MOUSE_WHEEL, 0, 0, 35, 15, 0, false,
                            MouseWheelEvent.WHEEL_UNIT_SCROLL, 1, 1));
                }
            });
            byte[] expected = new Bytes().u8(5, 1).u16(3, 1)      // left button at desktop pixel 3,1
                    .u8(5, 1 | 16).u16(3, 1).u8(5, 1).u16(3, 1)   // one wheel notch down, press and release
                    .toArray();
            for (int i = 0; i < 200 && !containsAfter(server.written(), before, expected); i++) {
                Thread.sleep(10);
            }
            assertThat(containsAfter(server.written(), before, expected)).isTrue();
        }
    }

    @Test
    void viewOnlyInstallsNoKeyboardAndSendsNoPointer() throws Exception {
        ScriptedServer server = twoColourDesktop();
        try (VncSession session = new VncSession(server, server.written, VncSettings.builder().viewOnly(true).build())) {
            VncView view = new VncView(session);
            assertThat(view.getKeyListeners()).isEmpty();
            assertThat(view.getMouseWheelListeners()).isEmpty();
        }
    }

    @Test
    void remoteCursorIsDrawnLocallyAtThePointer() throws Exception {
        Bytes script = ScriptedServer.greeting(4, 2).u8(0, 0).u16(2);
        script.u16(0, 0, 1, 1).s32(-239).pixel32(0x00ff00).u8(0x80);    // 1×1 green cursor, hot spot 0,0
        script.u16(0, 0, 4, 2).s32(0);
        for (int i = 0; i < 8; i++) {
            script.pixel32(0x000000);
        }
        ScriptedServer server = new ScriptedServer(script.toArray(), true);
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            VncView view = viewOnFirstFrame(session);
            view.setSize(40, 20);
            view.setScaling(VncView.Scaling.FIT);
            SwingUtilities.invokeAndWait(() -> {
                for (java.awt.event.MouseMotionListener l : view.getMouseMotionListeners()) {
                    l.mouseMoved(new MouseEvent(view, MouseEvent.MOUSE_MOVED, 0, 0, 25, 5, 0, false));
                }
            });
            BufferedImage painted = paint(view);
            assertThat(painted.getRGB(27, 7) & 0xffffff).as("cursor, scaled ×10").isEqualTo(0x00ff00);
            assertThat(painted.getRGB(15, 15) & 0xffffff).as("desktop").isZero();
            assertThat(session.cursor().width()).isEqualTo(1);
        }
    }

    @Test
    void strongDownscalingAveragesInsteadOfAliasing() throws Exception {
        int w = 64;
        int h = 32;
        Bytes script = ScriptedServer.greeting(w, h).u8(0, 0).u16(1).u16(0, 0, w, h).s32(0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                script.pixel32((x + y) % 2 == 0 ? 0xffffff : 0x000000);   // one-pixel checkerboard
            }
        }
        ScriptedServer server = new ScriptedServer(script.toArray(), true);
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            VncView view = viewOnFirstFrame(session);
            view.setSize(24, 12);                        // scale 0.375
            BufferedImage painted = paint(view);
            for (int y = 1; y < 11; y++) {
                for (int x = 1; x < 23; x++) {
                    assertThat(painted.getRGB(x, y) & 0xff).as("pixel %d,%d", x, y).isBetween(110, 145);
                }
            }
        }
    }

    @Test
    void anUpdateShownInAWindowIsPaintedAndSentToTheScreenAtOnce() throws Exception {
        ScriptedServer server = twoColourDesktop();
        AtomicInteger flushes = new AtomicInteger();
        AtomicReference<BufferedImage> seenAtFlush = new AtomicReference<>();
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            AtomicReference<VncView> view = new AtomicReference<>();
            AtomicReference<JFrame> frame = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> {
                view.set(new VncView(session, () -> {
                    assertThat(SwingUtilities.isEventDispatchThread()).isTrue();
                    flushes.incrementAndGet();
                    seenAtFlush.set(view.get().session().framebuffer().image());
                }));
                frame.set(new JFrame("flush"));
                frame.get().add(view.get());
                frame.get().setSize(200, 100);
                frame.get().setVisible(true);
            });
            try {
                session.start();
                assertThat(session.awaitFirstFrame(5, TimeUnit.SECONDS)).isTrue();
                SwingUtilities.invokeAndWait(() -> { });
                assertThat(flushes.get()).as("the first picture's paint was flushed to the screen").isPositive();
                assertThat(seenAtFlush.get().getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
            } finally {
                SwingUtilities.invokeAndWait(() -> frame.get().dispose());
            }
        }
    }

    @Test
    void aViewNotShownFlushesNothing() throws Exception {
        ScriptedServer server = twoColourDesktop();
        AtomicInteger flushes = new AtomicInteger();
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            new VncView(session, flushes::incrementAndGet);
            session.start();
            assertThat(session.awaitFirstFrame(5, TimeUnit.SECONDS)).isTrue();
            SwingUtilities.invokeAndWait(() -> { });
            assertThat(flushes.get()).isZero();
        }
    }

    @Test
    void dirtyRegionCoalescesUpdates() {
        DirtyRegion region = new DirtyRegion();
        assertThat(region.add(0, 0, 2, 2)).isTrue();
        assertThat(region.add(10, 10, 5, 5)).isFalse();
        assertThat(region.take()).isEqualTo(new Rectangle(0, 0, 15, 15));
        assertThat(region.take()).isNull();
        assertThat(region.add(1, 1, 1, 1)).isTrue();
    }

    private static boolean containsAfter(byte[] haystack, int from, byte[] needle) {
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return true;
            }
        }
        return false;
    }
}
