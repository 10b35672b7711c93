package dev.ums.viewer.internal.input;

import dev.ums.rfb.Keysym;
import java.awt.event.KeyEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * AWT key codes to X11 keysyms for keys that have no character: editing and cursor keys,
 * function keys, modifiers, the numeric keypad and dead keys.
 */
public final class KeysymMap {
    private static final Map<Integer, Integer> KEYS = new HashMap<>();
    private static final Map<Integer, Integer> KEYPAD = new HashMap<>();
    private static final Map<Integer, Integer> RIGHT = new HashMap<>();
    private static final Map<Integer, Integer> DEAD = new HashMap<>();

    static {
        put(KEYS, KeyEvent.VK_BACK_SPACE, Keysym.BACKSPACE, KeyEvent.VK_TAB, 0xff09, KeyEvent.VK_ENTER, Keysym.RETURN,
                KeyEvent.VK_ESCAPE, Keysym.ESCAPE, KeyEvent.VK_INSERT, 0xff63, KeyEvent.VK_DELETE, 0xffff,
                KeyEvent.VK_HOME, 0xff50, KeyEvent.VK_END, 0xff57, KeyEvent.VK_PAGE_UP, 0xff55,
                KeyEvent.VK_PAGE_DOWN, 0xff56, KeyEvent.VK_LEFT, 0xff51, KeyEvent.VK_UP, 0xff52,
                KeyEvent.VK_RIGHT, 0xff53, KeyEvent.VK_DOWN, 0xff54, KeyEvent.VK_SHIFT, 0xffe1,
                KeyEvent.VK_CONTROL, 0xffe3, KeyEvent.VK_ALT, 0xffe9, KeyEvent.VK_META, 0xffe7,
                KeyEvent.VK_WINDOWS, 0xffeb, KeyEvent.VK_CONTEXT_MENU, 0xff67, KeyEvent.VK_ALT_GRAPH, 0xfe03,
                KeyEvent.VK_CAPS_LOCK, 0xffe5, KeyEvent.VK_NUM_LOCK, 0xff7f, KeyEvent.VK_SCROLL_LOCK, 0xff14,
                KeyEvent.VK_PAUSE, 0xff13, KeyEvent.VK_PRINTSCREEN, 0xff61, KeyEvent.VK_KP_UP, 0xff97,
                KeyEvent.VK_KP_DOWN, 0xff99, KeyEvent.VK_KP_LEFT, 0xff96, KeyEvent.VK_KP_RIGHT, 0xff98);
        for (int i = 0; i < 12; i++) {
            KEYS.put(KeyEvent.VK_F1 + i, 0xffbe + i);
            KEYS.put(KeyEvent.VK_F13 + i, 0xffca + i);
        }
        for (int i = 0; i < 10; i++) {
            KEYPAD.put(KeyEvent.VK_NUMPAD0 + i, 0xffb0 + i);
        }
        put(KEYPAD, KeyEvent.VK_MULTIPLY, 0xffaa, KeyEvent.VK_ADD, 0xffab, KeyEvent.VK_SEPARATOR, 0xffac,
                KeyEvent.VK_SUBTRACT, 0xffad, KeyEvent.VK_DECIMAL, 0xffae, KeyEvent.VK_DIVIDE, 0xffaf,
                KeyEvent.VK_ENTER, Keysym.KP_ENTER, KeyEvent.VK_HOME, 0xff95, KeyEvent.VK_END, 0xff9c,
                KeyEvent.VK_PAGE_UP, 0xff9a, KeyEvent.VK_PAGE_DOWN, 0xff9b, KeyEvent.VK_INSERT, 0xff9e,
                KeyEvent.VK_DELETE, 0xff9f, KeyEvent.VK_CLEAR, 0xff9d, KeyEvent.VK_BEGIN, 0xff9d,
                KeyEvent.VK_UP, 0xff97, KeyEvent.VK_DOWN, 0xff99, KeyEvent.VK_LEFT, 0xff96, KeyEvent.VK_RIGHT, 0xff98);
        put(RIGHT, KeyEvent.VK_SHIFT, 0xffe2, KeyEvent.VK_CONTROL, 0xffe4, KeyEvent.VK_ALT, 0xffea,
                KeyEvent.VK_META, 0xffe8, KeyEvent.VK_WINDOWS, 0xffec);
        put(DEAD, KeyEvent.VK_DEAD_GRAVE, 0xfe50, KeyEvent.VK_DEAD_ACUTE, 0xfe51, KeyEvent.VK_DEAD_CIRCUMFLEX, 0xfe52,
                KeyEvent.VK_DEAD_TILDE, 0xfe53, KeyEvent.VK_DEAD_MACRON, 0xfe54, KeyEvent.VK_DEAD_BREVE, 0xfe55,
                KeyEvent.VK_DEAD_ABOVEDOT, 0xfe56, KeyEvent.VK_DEAD_DIAERESIS, 0xfe57,
                KeyEvent.VK_DEAD_ABOVERING, 0xfe58, KeyEvent.VK_DEAD_DOUBLEACUTE, 0xfe59,
                KeyEvent.VK_DEAD_CARON, 0xfe5a, KeyEvent.VK_DEAD_CEDILLA, 0xfe5b, KeyEvent.VK_DEAD_OGONEK, 0xfe5c,
                KeyEvent.VK_DEAD_IOTA, 0xfe5d);
    }

    private KeysymMap() {
    }

    private static void put(Map<Integer, Integer> map, int... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
    }

    /** The keysym of a non-character key, or -1 if the key types a character. */
    public static int special(int keyCode, int location) {
        if (location == KeyEvent.KEY_LOCATION_NUMPAD && KEYPAD.containsKey(keyCode)) {
            return KEYPAD.get(keyCode);
        }
        if (location == KeyEvent.KEY_LOCATION_RIGHT && RIGHT.containsKey(keyCode)) {
            return RIGHT.get(keyCode);
        }
        if (KEYPAD.containsKey(keyCode) && keyCode != KeyEvent.VK_ENTER && !KEYS.containsKey(keyCode)) {
            return KEYPAD.get(keyCode);
        }
        return KEYS.getOrDefault(keyCode, -1);
    }

    /** The X11 dead keysym for an AWT dead key, or -1. */
    public static int dead(int keyCode) {
        return DEAD.getOrDefault(keyCode, -1);
    }
}
