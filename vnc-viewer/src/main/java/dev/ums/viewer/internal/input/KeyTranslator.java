package dev.ums.viewer.internal.input;

import dev.ums.rfb.Keysym;
import java.awt.event.KeyEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns AWT key events into keysym presses and releases. Character keys send the character the
 * local layout produced (so the remote side needs no matching layout); a release always sends
 * the keysym its press sent. Dead keys are composed locally: the dead key itself sends nothing
 * and the composed character arrives with the next typed event. Swing event thread only.
 */
public final class KeyTranslator {
    /** Receives keysym presses and releases. */
    @FunctionalInterface
    public interface Sink {
        void key(int keysym, boolean down);
    }

    private final Sink sink;
    private final Map<Integer, Integer> pressed = new HashMap<>();
    private boolean deadPending;
    private int composingKey = -1;

    public KeyTranslator(Sink sink) {
        this.sink = sink;
    }

    public void pressed(int keyCode, char keyChar, int location, boolean ctrl) {
        if (KeysymMap.dead(keyCode) >= 0) {
            deadPending = true;
            return;
        }
        int keysym = KeysymMap.special(keyCode, location);
        if (keysym < 0 && deadPending) {
            deadPending = false;
            composingKey = keyCode;
            return;
        }
        if (keysym < 0) {
            keysym = characterKeysym(keyCode, keyChar, ctrl);
        }
        if (keysym < 0 || pressed.containsKey(keyCode)) {
            if (keysym >= 0) {
                sink.key(keysym, true);   // auto-repeat: the remote side repeats on repeated presses
            }
            return;
        }
        pressed.put(keyCode, keysym);
        sink.key(keysym, true);
    }

    /** A typed character; only the result of a dead-key composition is sent from here. */
    public void typed(char keyChar) {
        if (composingKey >= 0 && keyChar != KeyEvent.CHAR_UNDEFINED) {
            int keysym = Keysym.forCodePoint(keyChar);
            sink.key(keysym, true);
            sink.key(keysym, false);
        }
    }

    public void released(int keyCode) {
        if (keyCode == composingKey) {
            composingKey = -1;
            return;
        }
        Integer keysym = pressed.remove(keyCode);
        if (keysym != null) {
            sink.key(keysym, false);
        }
    }

    /** Releases everything still held, so that losing focus never leaves a key stuck down remotely. */
    public void releaseAll() {
        pressed.values().forEach(k -> sink.key(k, false));
        pressed.clear();
        deadPending = false;
        composingKey = -1;
    }

    private static int characterKeysym(int keyCode, char keyChar, boolean ctrl) {
        if (keyChar != KeyEvent.CHAR_UNDEFINED && keyChar >= 0x20 && keyChar != 0x7f) {
            return Keysym.forCodePoint(keyChar);
        }
        if (keyCode >= KeyEvent.VK_A && keyCode <= KeyEvent.VK_Z) {
            return 'a' + (keyCode - KeyEvent.VK_A);
        }
        if (keyCode >= KeyEvent.VK_0 && keyCode <= KeyEvent.VK_9) {
            return '0' + (keyCode - KeyEvent.VK_0);
        }
        if (ctrl && keyChar != KeyEvent.CHAR_UNDEFINED && keyChar < 0x20) {
            return Character.toLowerCase(keyChar + 0x40);
        }
        return -1;
    }
}
