package dev.ums.demo;

import dev.ums.rfb.Keysym;
import java.util.Locale;

/** What an X11 keysym does to the demo's text field, and how the desktop describes it. */
record TypedKey(Action action, int codePoint, String description) {
    enum Action { INSERT, BACKSPACE, ENTER, CLEAR, NONE }

    static TypedKey of(int keysym) {
        String hex = String.format(Locale.ROOT, "0x%04x", keysym);
        int cp = Keysym.codePoint(keysym);
        if (cp >= 0 && Character.isValidCodePoint(cp) && !Character.isISOControl(cp)) {
            return new TypedKey(Action.INSERT, cp, "'" + new String(Character.toChars(cp)) + "' (" + hex + ")");
        }
        return switch (keysym) {
            case Keysym.BACKSPACE -> new TypedKey(Action.BACKSPACE, 0, "BackSpace (" + hex + ")");
            case Keysym.RETURN, Keysym.KP_ENTER -> new TypedKey(Action.ENTER, 0, "Return (" + hex + ")");
            case Keysym.ESCAPE -> new TypedKey(Action.CLEAR, 0, "Escape (" + hex + ")");
            default -> new TypedKey(Action.NONE, 0, "keysym " + hex);
        };
    }
}
