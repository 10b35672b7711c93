package dev.ums.console.gui.internal;

import dev.ums.protocol.log.PeerText;
import javax.swing.JComponent;
import javax.swing.plaf.basic.BasicHTML;

/**
 * Text from outside the console (a server's answers, a device's name and versions, a recording's header) shown by
 * Swing as the characters it is, never as HTML. Swing takes any text that begins with {@code <html>} for HTML
 * wherever it shows one (labels, table cells, tree nodes, tab titles, tooltips, dialogs), and then loads the images
 * and style sheets the markup names from any address and creates the components its {@code <object>} tags name: a
 * device enrolled as {@code <html><img src=…>} would make every console that lists it fetch that address. Such text
 * goes through {@link #shown}, or is shown by a component {@link #mark marked} before its first text (the renderers
 * of tables and trees). Inside a question's sentence ({@code JOptionPane}, which makes a label of each line, so that a
 * line of its own beginning with {@code <html>} is HTML again) it goes through {@link #line}. {@link #shown} and
 * {@link #line} are pure; {@link #mark} on the event thread.
 */
public final class PlainText {
    /** The client property with which Swing's labels and renderers show an HTML-looking text as it is. */
    private static final String HTML_DISABLED = "html.disable";

    private PlainText() {
    }

    /**
     * {@code text} as Swing shows it literally, as one {@link #line}: unchanged but for control and invisible format
     * characters, unless Swing would take it for HTML; then as HTML that shows its characters (the same words, with
     * {@code <} and {@code &} escaped).
     */
    public static String shown(String text) {
        String line = line(text);
        return line != null && BasicHTML.isHTMLString(line) ? "<html>" + Html.escape(line) + "</html>" : line;
    }

    /**
     * {@code text} as one line: control characters (line breaks among them), line and paragraph separators, the
     * bidirectional embeddings, overrides and isolates, and the invisible marks that make one name look like another
     * (zero-width space, word joiner, byte order mark, soft hyphen) each as "?". A name shown with a right-to-left
     * override reads reversed, and one with a zero-width space looks like another device's; inside a message that
     * Swing splits at its line breaks ({@code JOptionPane}'s string messages) a line of its own that begins with
     * {@code <html>} would be HTML again. The joiners that Persian and Indic names and emoji need (U+200C, U+200D) and
     * the left-to-right and right-to-left marks stay, unlike in the logs' quotes ({@link PeerText}).
     */
    public static String line(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> shown.appendCodePoint(hidden(c) ? '?' : c));
        return shown.toString();
    }

    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                || c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
    }

    /** Marks {@code component}, a label or a renderer, to show its texts as they are; call before its first text. */
    public static <T extends JComponent> T mark(T component) {
        component.putClientProperty(HTML_DISABLED, Boolean.TRUE);
        return component;
    }
}
