package dev.ums.rfb;

/**
 * Hextile's vocabulary: 16×16 tiles, each starting with a byte of flags; sub-rectangles place themselves in their
 * tile with two bytes of nibbles, x and y, then width - 1 and height - 1.
 */
public final class Hextile {
    public static final int TILE = 16;
    /** A tile's sub-rectangle count is one byte. */
    public static final int MAX_SUBRECTS = 255;
    /** The tile's pixels follow raw; the other flags are then ignored. */
    public static final int RAW = 1;
    public static final int BACKGROUND_SPECIFIED = RAW << 1;
    public static final int FOREGROUND_SPECIFIED = BACKGROUND_SPECIFIED << 1;
    public static final int ANY_SUBRECTS = FOREGROUND_SPECIFIED << 1;
    public static final int SUBRECTS_COLOURED = ANY_SUBRECTS << 1;
    /** Every flag set; any larger value is not Hextile. */
    public static final int ALL_FLAGS = (SUBRECTS_COLOURED << 1) - 1;

    private Hextile() {
    }

    public static int position(int x, int y) {
        return x << 4 | y;
    }

    public static int size(int width, int height) {
        return (width - 1) << 4 | (height - 1);
    }

    public static int x(int position) {
        return position >> 4;
    }

    public static int y(int position) {
        return position & 15;
    }

    public static int width(int size) {
        return (size >> 4) + 1;
    }

    public static int height(int size) {
        return (size & 15) + 1;
    }
}
