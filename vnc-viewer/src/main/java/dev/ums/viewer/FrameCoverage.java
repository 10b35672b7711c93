package dev.ums.viewer;

import dev.ums.viewer.internal.encoding.FramebufferUpdateReader;

/**
 * Decides when the framebuffer first holds a whole picture: once the rectangles painted since
 * connecting (or the last resize) span the full desktop. Servers may answer the first request
 * with pseudo-rectangles only (cursor, screen layout) or, like x11vnc, in several updates, so
 * "first update received" is not enough.
 */
final class FrameCoverage {
    private int x0 = Integer.MAX_VALUE;
    private int y0 = Integer.MAX_VALUE;
    private int x1;
    private int y1;
    private boolean pending = true;

    void restart() {
        x0 = Integer.MAX_VALUE;
        y0 = Integer.MAX_VALUE;
        x1 = 0;
        y1 = 0;
        pending = true;
    }

    /** Adds an update; true exactly once, when the painted area first spans the framebuffer. */
    boolean add(FramebufferUpdateReader.Result update, Framebuffer fb) {
        if (!pending || !update.changed()) {
            return false;
        }
        x0 = Math.min(x0, update.x0);
        y0 = Math.min(y0, update.y0);
        x1 = Math.max(x1, update.x1);
        y1 = Math.max(y1, update.y1);
        if (x0 == 0 && y0 == 0 && x1 == fb.width() && y1 == fb.height()) {
            pending = false;
            return true;
        }
        return false;
    }
}
