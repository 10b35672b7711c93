package dev.ums.protocol.log;

/**
 * A value a peer chose (a name, an id, a parser's reason quoting the peer's text), made fit to be quoted in a log line
 * or an answer: at most a given number of characters, control characters replaced, so that one message cannot write
 * kilobytes or forge lines. Stateless; any thread.
 */
public final class PeerText {
    private PeerText() {
    }

    /** {@code value} cut to {@code max} characters (then "…"), control characters as "?"; "(none)" for null. */
    public static String of(String value, int max) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > max ? value.substring(0, max) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
