package dev.ums.console.gui.internal.settings;

import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.external.CommandTemplate;

/**
 * Checks an external viewer command template before it is saved, so mistakes show in the settings screen rather
 * than when a session starts. Any thread.
 */
public final class ViewerCommandCheck {
    private ViewerCommandCheck() {
    }

    /** A sentence naming what is wrong with {@code template}, or null when it is usable. */
    public static String problem(String template) {
        String t = template == null ? "" : template.strip();
        if (t.isEmpty()) {
            return "Enter the external viewer's command, for example " + ConsoleSettings.TIGERVNC_COMMAND + ".";
        }
        if (!t.contains("{port}")) {
            return "The viewer command must contain {port}, where the console's local proxy listens.";
        }
        try {
            CommandTemplate.argv(t, "127.0.0.1", 5900);
        } catch (IllegalArgumentException e) {
            return UserSentence.of(e.getMessage());
        }
        return null;
    }
}
