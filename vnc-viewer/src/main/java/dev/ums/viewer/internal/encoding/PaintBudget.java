package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.VncExcessiveUpdateException;

/**
 * The pixels one FramebufferUpdate may paint: {@value #DESKTOPS_PER_UPDATE} times the largest desktop area of the
 * update, counting every rectangle, every RRE and Hextile sub-rectangle, and every change of desktop size as
 * {@value #SIZE_CHANGE_COST} pictures of the new size. Genuine servers paint each pixel about once per update:
 * TigerVNC's Xvnc and x11vnc send an update's changed and copied regions as disjoint rectangles, RRE and Hextile
 * sub-rectangles paint over their own background, and a size change comes at most once, with the new picture; the
 * module's tests against both servers never saw more than twice the desktop in an update. A few bytes can ask for a
 * whole desktop, though (a Tight fill, a CopyRect, an RRE background, solid ZRLE tiles, a DesktopSize), and an update
 * may carry 65,535 rectangles; the bound keeps such an update to the cost of {@value #DESKTOPS_PER_UPDATE} desktops.
 * Reader thread only.
 */
final class PaintBudget {
    /** How many times the desktop's area one update may paint; 32 times the most measured from genuine servers. */
    static final int DESKTOPS_PER_UPDATE = 64;
    /**
     * What a change of desktop size counts as, in pictures of the new size: half the budget, as a genuine server
     * changes size at most once in an update, so an update may change size twice but not 65,535 times. A change
     * allocates and clears a new pixel array and image and leaves the old one to the collector: 5-16 ms of the
     * reader's CPU at 7680×4320, where a fill of that desktop takes about 1.6 ms.
     */
    static final int SIZE_CHANGE_COST = 32;

    private long painted;
    private long desktop;

    /** A new update begins on a desktop of {@code desktopPixels}. */
    void begin(long desktopPixels) {
        painted = 0;
        desktop = desktopPixels;
    }

    /** Before the desktop changes size to {@code desktopPixels} within the update. */
    void resized(long desktopPixels) throws VncExcessiveUpdateException {
        desktop = Math.max(desktop, desktopPixels);
        spend(SIZE_CHANGE_COST * desktopPixels);
    }

    /** Before {@code pixels} are painted: refuses them if the update would then exceed its bound. */
    void spend(long pixels) throws VncExcessiveUpdateException {
        painted += pixels;
        if (painted > desktop * DESKTOPS_PER_UPDATE) {
            throw new VncExcessiveUpdateException(painted, desktop, DESKTOPS_PER_UPDATE);
        }
    }
}
