package dev.ums.viewer;

/**
 * A cursor image the server sent for the client to draw locally: ARGB pixels (alpha 0 or 255)
 * and the hot spot. Immutable.
 */
public record CursorShape(int width, int height, int hotX, int hotY, int[] argb) {
    /** The server asked for no visible cursor. */
    public static final CursorShape HIDDEN = new CursorShape(0, 0, 0, 0, new int[0]);

    public boolean hidden() {
        return width == 0 || height == 0;
    }
}
