package dev.ums.viewer.internal.message;

/**
 * A clipboard text from the server, made fit for the local clipboard: line ends as "\n" and no control characters
 * but tab and line feed. The remote desktop's clipboard may be pasted into a local terminal, where a control
 * character acts instead of being pasted: an escape sequence (ESC, or the 8-bit CSI 0x9b) moves the cursor or, as
 * "ESC [201~", ends a bracketed paste so that what follows runs as if typed; a NUL cuts the text short in programs
 * written in C. No text a person copies needs them. Stateless; any thread.
 */
public final class ServerClipboardText {
    private ServerClipboardText() {
    }

    /** {@code text} with CR LF and lone CR as LF, and every other C0 and C1 control character and DEL left out. */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\t' || c == '\n' || !Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
