package dev.ums.agent.internal.display;

import dev.ums.protocol.log.PeerText;

/**
 * The administrator's name as the windows on the device's screen show it (the consent question, the session
 * indicator): "an administrator" when the server named none, else at most {@value #MAX} characters with control
 * characters replaced, so that an odd name cannot push the question or the indicator's buttons out of their window.
 * Stateless; any thread.
 */
public final class ShownAdmin {
    static final int MAX = 48;

    private ShownAdmin() {
    }

    public static String of(String admin) {
        return admin == null || admin.isBlank() ? "an administrator" : PeerText.of(admin.strip(), MAX);
    }
}
