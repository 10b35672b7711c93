package dev.ums.agent.internal.shadow;

/**
 * A value the server sent (a tunnel address, a pin, a failure's detail), fit to be quoted back in the sentence of a
 * {@code shadow.result}: at most {@value #MAX} characters, control characters replaced, so the answer stays within
 * what the server takes however odd the request was. Stateless; any thread.
 */
final class ShownValue {
    static final int MAX = 100;

    private ShownValue() {
    }

    static String of(String value) {
        if (value == null) {
            return "(none)";
        }
        String shown = value.length() > MAX ? value.substring(0, MAX) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
