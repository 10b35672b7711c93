package dev.ums.console.gui.internal.settings;

/** Checks an external viewer command template before it is saved, so mistakes show in the settings screen. */
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
        return null;
    }
}
