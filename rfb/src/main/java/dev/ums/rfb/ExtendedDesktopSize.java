package dev.ums.rfb;

import java.io.IOException;

/**
 * The screen layout that ExtendedDesktopSize rectangles and SetDesktopSize messages carry: a count, padding and
 * 16 bytes per screen (id, position, size, flags). In an ExtendedDesktopSize rectangle header, x names who changed
 * the size (1: this client's request) and y the outcome (0: done).
 */
public final class ExtendedDesktopSize {
    public static final int SCREEN_LENGTH = 16;
    /** The rectangle header's x when the change answers this client's SetDesktopSize. */
    public static final int REASON_CLIENT_REQUEST = 1;

    private ExtendedDesktopSize() {
    }

    /** Reads past the screen list that follows an ExtendedDesktopSize rectangle header. */
    public static void skipScreens(RfbInput in) throws IOException {
        int screens = in.u8();
        in.skip(3 + (long) SCREEN_LENGTH * screens);
    }
}
