package dev.ums.console.gui.internal.log;

import java.util.Map;

/**
 * The words the shadow log shows for the outcome codes the server writes into its audit entries
 * ({@code COMPLETED}, {@code DECLINED}, …). A code this console does not know, from a newer server, is shown as it
 * came. Any thread.
 */
final class OutcomeWords {
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("REQUESTED", "Waiting for the device"),
            Map.entry("ACCEPTED", "Accepted"),
            Map.entry("CONNECTED", "Connected"),
            Map.entry("COMPLETED", "Completed"),
            Map.entry("FAILED", "Failed"),
            Map.entry("INTERRUPTED", "Interrupted"),
            Map.entry("OFFLINE", "Device offline"),
            Map.entry("NO_ANSWER", "No answer from the device"),
            Map.entry("DECLINED", "Declined by the user"),
            Map.entry("NOT_ALLOWED", "Not allowed"),
            Map.entry("NOT_RECORDABLE", "Refused: cannot be recorded"),
            Map.entry("NO_VNC_SERVER", "No VNC server running"),
            Map.entry("TUNNEL_FAILED", "Tunnel failed"),
            Map.entry("ERROR", "Device error"),
            Map.entry("PASSWORD_ISSUED", "Session password issued"),
            Map.entry("PASSWORD_REFUSED", "Session password refused"));

    private OutcomeWords() {
    }

    /** The words for {@code code}; null or blank stays null, an unknown code is returned unchanged. */
    static String of(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return WORDS.getOrDefault(code.strip(), code);
    }
}
