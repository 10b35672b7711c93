package dev.ums.demo.internal.vnc;

import java.util.function.Function;

/**
 * The desktop an {@link RfbServerSession} serves: a fixed-size framebuffer of 0xRRGGBB pixels that tells its
 * listeners what changed, and takes the viewers' input. Implementations must be thread-safe: every client
 * session calls them from its own threads.
 */
public interface FramebufferSource {
    int width();

    int height();

    /** The desktop name sent in ServerInit. */
    String name();

    /**
     * Runs {@code reader} while the framebuffer cannot change, on the calling thread, with the pixel array
     * (row stride {@link #width()}). Listener calls also happen under this lock, so a reader sees a state that
     * matches every change reported before it.
     */
    <T> T read(Function<int[], T> reader);

    /** Where sessions register for the framebuffer's changes. */
    FramebufferChanges changes();

    /** An RFB KeyEvent (X11 keysym). */
    void key(int keysym, boolean down);

    /** An RFB PointerEvent, already clipped to the framebuffer. */
    void pointer(int x, int y, int buttonMask);

    /** A viewer connected ({@code true}) or left ({@code false}). */
    default void viewer(String who, boolean connected) {
    }

    /** What a framebuffer reports to each session. */
    interface Listener {
        void changed(Rect area);

        /** {@code source} was copied by {@code (dx, dy)}; the destination now holds its former pixels. */
        void copied(Rect source, int dx, int dy);
    }
}
