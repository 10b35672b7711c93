package dev.ums.viewer;

import dev.ums.rfb.Keysym;

/** X11 keysym numbers for keys a caller may want to send directly with {@link VncSession#sendKey}. */
public final class Keysyms {
    public static final int BACKSPACE = Keysym.BACKSPACE;
    public static final int TAB = 0xff09;
    public static final int RETURN = Keysym.RETURN;
    public static final int ESCAPE = Keysym.ESCAPE;
    public static final int DELETE = 0xffff;
    public static final int SHIFT_L = 0xffe1;
    public static final int SHIFT_R = 0xffe2;
    public static final int CONTROL_L = 0xffe3;
    public static final int CONTROL_R = 0xffe4;
    public static final int META_L = 0xffe7;
    public static final int ALT_L = 0xffe9;
    public static final int ALT_R = 0xffea;
    public static final int SUPER_L = 0xffeb;
    public static final int ISO_LEVEL3_SHIFT = 0xfe03;
    public static final int F1 = 0xffbe;

    private Keysyms() {
    }

    /** The keysym for a character: Latin-1 maps to itself, everything else to the Unicode keysym range. */
    public static int forCodePoint(int codePoint) {
        return Keysym.forCodePoint(codePoint);
    }
}
