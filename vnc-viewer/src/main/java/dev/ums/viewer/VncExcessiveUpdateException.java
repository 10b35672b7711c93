package dev.ums.viewer;

/**
 * The session ended because one FramebufferUpdate would have painted far more pixels than any genuine server paints
 * in an update: rectangles (or sub-rectangles) of a few bytes each covering the desktop, sent to keep the viewer busy.
 * The message is one sentence for the user; the figures say how far the update went before it was stopped.
 */
public final class VncExcessiveUpdateException extends VncProtocolException {
    private static final long serialVersionUID = 1L;

    private final long paintedPixels;
    private final long desktopPixels;
    private final int desktopsPerUpdate;

    /**
     * @param paintedPixels     the pixels the update had asked to paint, the refused rectangle included
     * @param desktopPixels     the largest desktop area of the update
     * @param desktopsPerUpdate the bound: how many times that area one update may paint
     */
    public VncExcessiveUpdateException(long paintedPixels, long desktopPixels, int desktopsPerUpdate) {
        super("The VNC server sent a screen update that paints its desktop more than " + desktopsPerUpdate
                + " times over, which no genuine VNC server does, so the session was ended.");
        this.paintedPixels = paintedPixels;
        this.desktopPixels = desktopPixels;
        this.desktopsPerUpdate = desktopsPerUpdate;
    }

    public long paintedPixels() {
        return paintedPixels;
    }

    public long desktopPixels() {
        return desktopPixels;
    }

    public int desktopsPerUpdate() {
        return desktopsPerUpdate;
    }
}
