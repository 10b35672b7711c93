package dev.ums.viewer;

import java.awt.Rectangle;

/**
 * The framebuffer area changed since the last repaint. The session thread adds to it; the event
 * thread takes it. Adding reports whether a repaint must be scheduled, so that any number of
 * updates arriving while the event thread is busy cost one repaint.
 */
final class DirtyRegion {
    private Rectangle pending;

    synchronized boolean add(int x, int y, int w, int h) {
        if (pending == null) {
            pending = new Rectangle(x, y, w, h);
            return true;
        }
        pending.add(new Rectangle(x, y, w, h));
        return false;
    }

    synchronized Rectangle take() {
        Rectangle r = pending;
        pending = null;
        return r;
    }
}
