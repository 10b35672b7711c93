package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.OverdrawingUpdates.Kind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A server that sends a FramebufferUpdate of rectangles that each cover the whole desktop in a few bytes (up to
 * 65,535 of them) ends the session with {@link VncExcessiveUpdateException} once the update would paint more than
 * 64 times the desktop's area, before the rectangle that would go beyond; an update up to that bound, or one of many
 * small rectangles painting the desktop a few times over, is decoded as before and asks for one repaint.
 */
class OverdrawnUpdateTest {
    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;
    private static final long DESKTOP = WIDTH * HEIGHT;

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"TIGHT_FILL", "COPY_RECT", "RRE_BACKGROUND", "ZRLE_SOLID"})
    void anUpdatePaintingTheDesktopMoreThan64TimesEndsTheSessionBeforeTheRectangleBeyond(Kind kind) throws Exception {
        RecordingListener listener = new RecordingListener();
        VncSession session = run(OverdrawingUpdates.stream(kind, WIDTH, HEIGHT, 65535), listener);

        assertThat(session.error()).isInstanceOf(VncExcessiveUpdateException.class)
                .hasMessage("The VNC server sent a screen update that paints its desktop more than 64 times over, "
                        + "which no genuine VNC server does, so the session was ended.");
        VncExcessiveUpdateException failure = (VncExcessiveUpdateException) session.error();
        assertThat(failure.desktopPixels()).isEqualTo(DESKTOP);
        assertThat(failure.paintedPixels()).isEqualTo(65 * DESKTOP);
        assertThat(failure.desktopsPerUpdate()).isEqualTo(64);
        assertThat(rectangles(session)).isEqualTo(64);
        assertThat(listener.events).doesNotContain("frame");        // the update never completed
    }

    @Test
    void subRectanglesCountAsPaintingToo() throws Exception {
        // As many as the rectangle has pixels, the most RRE allows.
        VncSession session = run(OverdrawingUpdates.stream(Kind.RRE_SUBRECTANGLES, WIDTH, HEIGHT, (int) DESKTOP),
                new RecordingListener());

        assertThat(session.error()).isInstanceOf(VncExcessiveUpdateException.class);
        // The rectangle's background, then 64 sub-rectangles of the whole desktop: the 64th goes beyond.
        assertThat(((VncExcessiveUpdateException) session.error()).paintedPixels()).isEqualTo(65 * DESKTOP);
    }

    @Test
    void aThirdChangeOfDesktopSizeInOneUpdateGoesBeyondTheBound() throws Exception {
        Bytes script = ScriptedServer.greeting(WIDTH, HEIGHT).u8(0, 0).u16(200);
        for (int i = 0; i < 100; i++) {
            script.u16(0, 0, WIDTH, i % 2 == 0 ? HEIGHT - 1 : HEIGHT).s32(-223);    // DesktopSize, back and forth
        }
        VncSession session = run(script.toArray(), new RecordingListener());

        assertThat(session.error()).isInstanceOf(VncExcessiveUpdateException.class);
        VncExcessiveUpdateException failure = (VncExcessiveUpdateException) session.error();
        assertThat(failure.desktopPixels()).isEqualTo(DESKTOP);
        // Each change counts as 32 pictures of the new size: 64×47, 64×48, then 64×47 again goes beyond.
        assertThat(failure.paintedPixels()).isEqualTo(32L * (WIDTH * (HEIGHT - 1) + DESKTOP + WIDTH * (HEIGHT - 1)));
    }

    @Test
    void aChangeOfDesktopSizeWithTheNewPictureTwiceOverIsDecoded() throws Exception {
        Bytes script = ScriptedServer.greeting(WIDTH, HEIGHT).u8(0, 0).u16(3)
                .u16(0, 0, 640, 480).s32(-223)                                      // DesktopSize
                .u16(0, 0, 640, 480).s32(7).u8(0x80).tpixel(0x336699)               // Tight fill of all of it
                .u16(0, 0, 640, 480).s32(1).u16(0, 0);                              // CopyRect of all of it
        RecordingListener listener = new RecordingListener();
        VncSession session = run(script.toArray(), listener);

        assertThat(session.error()).isInstanceOf(VncServerClosedException.class);   // the script's end
        assertThat(listener.events).containsSubsequence("resized 640x480", "updated 0,0 640x480", "frame");
        assertThat(session.framebuffer().copyPixels()[640 * 480 - 1]).isEqualTo(0x336699);
    }

    @Test
    void anUpdatePaintingTheDesktopExactly64TimesIsDecoded() throws Exception {
        Bytes script = ScriptedServer.greeting(WIDTH, HEIGHT);
        OverdrawingUpdates.update(script, Kind.TIGHT_FILL, WIDTH, HEIGHT, 64);
        RecordingListener listener = new RecordingListener();
        VncSession session = run(script.toArray(), listener);

        assertThat(session.error()).isInstanceOf(VncServerClosedException.class);   // the script's end
        assertThat(rectangles(session)).isEqualTo(64);
        assertThat(listener.events).containsSubsequence("updated 0,0 64x48", "frame");
    }

    /**
     * What a busy desktop sends: the screen in 8×8 Tight fills, then in 16×16 RRE rectangles with sub-rectangles,
     * then as Hextile with sub-rectangles, then scrolled by a CopyRect of nearly all of it, the gap filled: 63
     * rectangles with their sub-rectangles in one update, painting the desktop five and a half times. The later layers
     * win, and the update asks for one repaint of its whole area.
     */
    @Test
    void aLegitimateHeavyUpdateOfManySmallRectanglesIsDecodedAndRepaintedOnce() throws Exception {
        Bytes rectangles = new Bytes();
        int count = 0;
        for (int y = 0; y < HEIGHT; y += 8) {
            for (int x = 0; x < WIDTH; x += 8) {
                rectangles.u16(x, y, 8, 8).s32(7).u8(0x80).tpixel(0x112233);          // Tight fill
                count++;
            }
        }
        for (int y = 0; y < HEIGHT; y += 16) {
            for (int x = 0; x < WIDTH; x += 16) {
                rectangles.u16(x, y, 16, 16).s32(2).s32(2).pixel32(0x0000ff)        // RRE, blue background
                        .pixel32(0x00ff00).u16(0, 0, 8, 16)                         // left half green
                        .pixel32(0xff0000).u16(8, 0, 8, 16);                        // right half red
                count++;
            }
        }
        rectangles.u16(0, 0, WIDTH, HEIGHT).s32(5);                                 // Hextile, 4×3 tiles
        for (int tile = 0; tile < 12; tile++) {
            rectangles.u8(2 | 4 | 8).pixel32(0x808080).pixel32(0xffffff)            // background, foreground, subrects
                    .u8(1).u8(0x00).u8(0x7f);                                       // left half foreground
        }
        count++;
        rectangles.u16(0, 0, WIDTH, HEIGHT - 1).s32(1).u16(0, 1);                   // scroll up by one row
        rectangles.u16(0, HEIGHT - 1, WIDTH, 1).s32(7).u8(0x80).tpixel(0x445566);   // the new bottom row
        count += 2;
        Bytes script = ScriptedServer.greeting(WIDTH, HEIGHT).u8(0, 0).u16(count).raw(rectangles.toArray());
        RecordingListener listener = new RecordingListener();
        VncSession session = run(script.toArray(), listener);

        assertThat(session.error()).isInstanceOf(VncServerClosedException.class);   // the script's end
        assertThat(session.rectangleCount(Encoding.TIGHT) + session.rectangleCount(Encoding.RRE)
                + session.rectangleCount(Encoding.HEXTILE) + session.rectangleCount(Encoding.COPY_RECT))
                .isEqualTo(count);
        assertThat(listener.events.stream().filter(e -> e.startsWith("updated"))).containsExactly("updated 0,0 64x48");
        int[] pixels = session.framebuffer().copyPixels();
        assertThat(pixels[0]).isEqualTo(0xffffff);                                  // Hextile's foreground half
        assertThat(pixels[WIDTH - 1]).isEqualTo(0x808080);                          // its background half
        assertThat(pixels[(HEIGHT - 1) * WIDTH]).isEqualTo(0x445566);               // the new bottom row
    }

    private static long rectangles(VncSession session) {
        long n = 0;
        for (Encoding encoding : Encoding.values()) {
            n += session.rectangleCount(encoding);
        }
        return n;
    }

    private static VncSession run(byte[] script, RecordingListener listener) throws InterruptedException {
        ScriptedServer server = new ScriptedServer(script, false);
        VncSession session = new VncSession(server, server.written, VncSettings.defaults());
        session.addListener(listener);
        session.start();
        assertThat(session.awaitClosed(60, TimeUnit.SECONDS)).isTrue();
        return session;
    }
}
