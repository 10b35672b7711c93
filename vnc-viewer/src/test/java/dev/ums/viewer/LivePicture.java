package dev.ums.viewer;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A live session's picture as the replay tests compare it with a replay: once it has settled, or once it changed.
 * Published in this module's test jar for the console's recording fixtures. Called by a test's own thread.
 */
public final class LivePicture {
    private LivePicture() {
    }

    /** Waits until the live picture has not changed for half a second (at most 20 seconds), and returns it. */
    public static int[] settled(VncSession session) throws InterruptedException {
        int[] last = session.framebuffer().copyPixels();
        long quietSince = System.nanoTime();
        long deadline = quietSince + TimeUnit.SECONDS.toNanos(20);
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

    /** Waits up to ten seconds until the live picture differs from {@code before}; true if it does. */
    public static boolean awaitChange(VncSession session, int[] before) throws InterruptedException {
        for (int i = 0; i < 400 && Arrays.equals(session.framebuffer().copyPixels(), before); i++) {
            Thread.sleep(25);
        }
        return !Arrays.equals(session.framebuffer().copyPixels(), before);
    }
}
