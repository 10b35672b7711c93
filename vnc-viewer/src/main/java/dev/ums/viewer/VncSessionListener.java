package dev.ums.viewer;

/**
 * Receives what happens in a {@link VncSession}. Every method is called on the session's own
 * reader thread, never on the Swing event thread: an implementation that touches Swing must hand
 * over with {@code SwingUtilities.invokeLater}. Methods must return quickly, since the session
 * reads no further bytes while one runs.
 */
public interface VncSessionListener {

    /** The handshake finished; the framebuffer has the server's size but no content yet. */
    default void connected(String desktopName, int width, int height) {
    }

    /** The server changed the desktop size; the framebuffer was reallocated and is blank. */
    default void framebufferResized(int width, int height) {
    }

    /** One framebuffer update was decoded; the arguments bound every pixel it changed. */
    default void framebufferUpdated(int x, int y, int width, int height) {
    }

    /** The whole framebuffer holds a complete picture for the first time since connecting or resizing. */
    default void frameComplete() {
    }

    /** The server sent a new cursor shape, see {@link VncSession#cursor()}. */
    default void cursorChanged(CursorShape cursor) {
    }

    default void bell() {
    }

    /** The server's clipboard changed. */
    default void clipboardReceived(String text) {
    }

    /** View-only mode was switched on or off ({@link VncSession#setViewOnly}); called on the thread that switched it. */
    default void viewOnlyChanged(boolean viewOnly) {
    }

    /**
     * The session is over. {@code error} is null when it was closed locally; otherwise its message
     * is one sentence to show the user.
     */
    default void closed(VncProtocolException error) {
    }
}
