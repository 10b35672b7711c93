package dev.ums.launcher;

import java.nio.file.Path;

/** Per-user default directories, following the XDG base-directory convention. */
final class DataDirs {
    private DataDirs() {
    }

    /** {@code $XDG_DATA_HOME/ums/<name>}, by default {@code ~/.local/share/ums/<name>}. */
    static Path data(String name) {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("ums").resolve(name);
    }
}
