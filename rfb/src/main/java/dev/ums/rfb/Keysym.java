package dev.ums.rfb;

/**
 * X11 keysyms as KeyEvent carries them: the named keys a server's text input reacts to, and the rule for
 * characters (Latin-1 is its own keysym, every other character {@code 0x01000000 + code point}).
 */
public final class Keysym {
    public static final int BACKSPACE = 0xff08;
    public static final int RETURN = 0xff0d;
    public static final int ESCAPE = 0xff1b;
    public static final int KP_ENTER = 0xff8d;
    /** Unicode keysyms are the code point with bit 24 set. */
    private static final int UNICODE = 1 << 24;

    private Keysym() {
    }

    /** The keysym that types {@code codePoint}. */
    public static int forCodePoint(int codePoint) {
        return isLatin1Printable(codePoint) ? codePoint : UNICODE + codePoint;
    }

    /** The character {@code keysym} types, or -1 for a key that types none (or an unassigned keysym). */
    public static int codePoint(int keysym) {
        if (isLatin1Printable(keysym)) {
            return keysym;
        }
        return (keysym & 0xff000000) == UNICODE ? keysym & 0x00ffffff : -1;
    }

    private static boolean isLatin1Printable(int c) {
        return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff);
    }
}
