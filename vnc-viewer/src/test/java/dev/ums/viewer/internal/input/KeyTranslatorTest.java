package dev.ums.viewer.internal.input;

import static java.awt.event.KeyEvent.CHAR_UNDEFINED;
import static java.awt.event.KeyEvent.KEY_LOCATION_LEFT;
import static java.awt.event.KeyEvent.KEY_LOCATION_NUMPAD;
import static java.awt.event.KeyEvent.KEY_LOCATION_RIGHT;
import static java.awt.event.KeyEvent.KEY_LOCATION_STANDARD;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AWT key events to X11 keysyms, including layouts, modifiers, keypad and dead keys. */
class KeyTranslatorTest {
    private final List<String> sent = new ArrayList<>();
    private final KeyTranslator keys = new KeyTranslator((k, down) -> sent.add(Integer.toHexString(k) + (down ? "↓" : "↑")));

    @Test
    void lettersWithShiftSendTheTypedCharacter() {
        keys.pressed(KeyEvent.VK_SHIFT, CHAR_UNDEFINED, KEY_LOCATION_LEFT, false);
        keys.pressed(KeyEvent.VK_A, 'A', KEY_LOCATION_STANDARD, false);
        keys.released(KeyEvent.VK_A);
        keys.released(KeyEvent.VK_SHIFT);
        assertThat(sent).containsExactly("ffe1↓", "41↓", "41↑", "ffe1↑");
    }

    @Test
    void controlLettersMapBackToTheLetter() {
        keys.pressed(KeyEvent.VK_CONTROL, CHAR_UNDEFINED, KEY_LOCATION_RIGHT, true);
        keys.pressed(KeyEvent.VK_C, (char) 3, KEY_LOCATION_STANDARD, true);
        keys.released(KeyEvent.VK_C);
        assertThat(sent).containsExactly("ffe4↓", "63↓", "63↑");
    }

    @Test
    void functionCursorAndKeypadKeys() {
        keys.pressed(KeyEvent.VK_F5, CHAR_UNDEFINED, KEY_LOCATION_STANDARD, false);
        keys.pressed(KeyEvent.VK_LEFT, CHAR_UNDEFINED, KEY_LOCATION_STANDARD, false);
        keys.pressed(KeyEvent.VK_NUMPAD7, '7', KEY_LOCATION_NUMPAD, false);
        keys.pressed(KeyEvent.VK_ENTER, '\n', KEY_LOCATION_NUMPAD, false);
        keys.pressed(KeyEvent.VK_HOME, CHAR_UNDEFINED, KEY_LOCATION_NUMPAD, false);
        keys.pressed(KeyEvent.VK_DELETE, (char) 0x7f, KEY_LOCATION_STANDARD, false);
        assertThat(sent).containsExactly("ffc2↓", "ff51↓", "ffb7↓", "ff8d↓", "ff95↓", "ffff↓");
    }

    @Test
    void altGrSendsLevel3ShiftAndTheResultingCharacter() {
        keys.pressed(KeyEvent.VK_ALT_GRAPH, CHAR_UNDEFINED, KEY_LOCATION_RIGHT, false);
        keys.pressed(KeyEvent.VK_Q, '@', KEY_LOCATION_STANDARD, false);
        keys.released(KeyEvent.VK_Q);
        keys.pressed(KeyEvent.VK_E, '€', KEY_LOCATION_STANDARD, false);
        assertThat(sent).containsExactly("fe03↓", "40↓", "40↑", "10020ac↓");
    }

    @Test
    void deadKeysComposeLocally() {
        keys.pressed(KeyEvent.VK_DEAD_ACUTE, CHAR_UNDEFINED, KEY_LOCATION_STANDARD, false);
        keys.released(KeyEvent.VK_DEAD_ACUTE);
        keys.pressed(KeyEvent.VK_E, 'e', KEY_LOCATION_STANDARD, false);
        keys.typed('é');
        keys.released(KeyEvent.VK_E);
        keys.pressed(KeyEvent.VK_E, 'e', KEY_LOCATION_STANDARD, false);
        keys.typed('e');
        assertThat(sent).containsExactly("e9↓", "e9↑", "65↓");
        assertThat(KeysymMap.dead(KeyEvent.VK_DEAD_DIAERESIS)).isEqualTo(0xfe57);
    }

    @Test
    void losingFocusReleasesHeldKeys() {
        keys.pressed(KeyEvent.VK_CONTROL, CHAR_UNDEFINED, KEY_LOCATION_LEFT, true);
        keys.pressed(KeyEvent.VK_X, (char) 24, KEY_LOCATION_STANDARD, true);
        keys.releaseAll();
        keys.released(KeyEvent.VK_X);
        assertThat(sent).containsExactlyInAnyOrder("ffe3↓", "78↓", "ffe3↑", "78↑");
        assertThat(sent).hasSize(4);
    }
}
