package dev.ums.protocol.log;

import java.util.regex.Pattern;

/**
 * A value a peer chose (a name, an id, a parser's reason quoting the peer's text), made fit to be quoted in a log line
 * or an answer: at most a given number of characters, control characters replaced, so that one message cannot write
 * kilobytes or forge lines. Stateless; any thread.
 */
public final class PeerText {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private PeerText() {
    }

    /**
     * {@code value} cut to {@code max} characters (then "…"), control characters as "?"; "(none)" for null. Control
     * characters are the C0 and C1 controls and the invisible format characters (bidirectional overrides, zero-width
     * marks) and line and paragraph separators: what can start a line, move a terminal's cursor or show a line's text
     * in another order than it is stored.
     */
    public static String of(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > max ? value.substring(0, max) + "…" : value;
        return CONTROL.matcher(shown).replaceAll("?");
    }
}
