package dev.ums.console.gui;

import java.nio.file.Path;

/**
 * Where the console keeps its settings and log: {@code $XDG_CONFIG_HOME/ums-console}, else
 * {@code ~/.config/ums-console}. Any thread.
 */
public final class ConfigDir {
    public static final String NAME = "ums-console";

    private ConfigDir() {
    }

    public static Path forUser() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve(NAME);
    }
}
