package dev.ums.viewer;

/**
 * One input event a recorded console sent: a key pressed or released, or the pointer moved with its buttons.
 * Immutable.
 *
 * @param atMicros when it was recorded, in microseconds since the recording started
 * @param kind     key or pointer
 * @param keysym   the X11 keysym of a key event, else 0
 * @param down     whether a key event presses the key
 * @param x        the pointer's position of a pointer event, in desktop pixels, else 0
 * @param y        likewise
 * @param buttons  the pointer's pressed buttons (bit 0 left, 1 middle, 2 right, 3/4 wheel), else 0
 */
public record VncInputEvent(long atMicros, Kind kind, int keysym, boolean down, int x, int y, int buttons) {
    /** Which kind of input. */
    public enum Kind { KEY, POINTER }

    public static VncInputEvent key(long atMicros, int keysym, boolean down) {
        return new VncInputEvent(atMicros, Kind.KEY, keysym, down, 0, 0, 0);
    }

    public static VncInputEvent pointer(long atMicros, int x, int y, int buttons) {
        return new VncInputEvent(atMicros, Kind.POINTER, 0, false, x, y, buttons);
    }
}
