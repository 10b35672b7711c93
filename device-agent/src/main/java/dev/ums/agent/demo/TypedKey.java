package dev.ums.agent.demo;

import java.util.Locale;

/** What an X11 keysym does to the demo's text field, and how the desktop describes it. */
record TypedKey(Action action, int codePoint, String description) {
    enum Action { INSERT, BACKSPACE, ENTER, CLEAR, NONE }

    static TypedKey of(int keysym) {
        String hex = String.format(Locale.ROOT, "0x%04x", keysym);
        int cp = -1;
        if ((keysym >= 0x20 && keysym <= 0x7e) || (keysym >= 0xa0 && keysym <= 0xff)) {
            cp = keysym;
        } else if ((keysym & 0xff000000) == 0x01000000) {
            cp = keysym & 0x00ffffff;
        }
        if (cp >= 0 && Character.isValidCodePoint(cp) && !Character.isISOControl(cp)) {
            return new TypedKey(Action.INSERT, cp, "'" + new String(Character.toChars(cp)) + "' (" + hex + ")");
        }
        return switch (keysym) {
            case 0xff08 -> new TypedKey(Action.BACKSPACE, 0, "BackSpace (" + hex + ")");
            case 0xff0d, 0xff8d -> new TypedKey(Action.ENTER, 0, "Return (" + hex + ")");
            case 0xff1b -> new TypedKey(Action.CLEAR, 0, "Escape (" + hex + ")");
            default -> new TypedKey(Action.NONE, 0, "keysym " + hex);
        };
    }
}
