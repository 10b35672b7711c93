package dev.ums.console.gui.internal;

/** Small HTML for Swing labels: escaped text wrapped at a width, since plain labels never wrap. */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }

    /** {@code text} escaped, in a block {@code widthPx} wide so the label wraps it. */
    public static String wrapped(String text, int widthPx) {
        return "<html><div style='width:" + widthPx + "px'>" + escape(text) + "</div></html>";
    }
}
