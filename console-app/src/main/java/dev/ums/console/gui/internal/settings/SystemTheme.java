package dev.ums.console.gui.internal.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the desktop whether the user prefers a dark look: GTK's theme variable or GNOME's colour scheme on
 * Linux, the registry on Windows, the global appearance on macOS. Anything unknown means light. Runs a
 * short process, so call it once at start, before the first window.
 */
public final class SystemTheme {
    private static final Logger LOG = LoggerFactory.getLogger(SystemTheme.class);

    private SystemTheme() {
    }

    public static boolean prefersDark() {
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null && !gtk.isBlank()) {
            return gtk.toLowerCase(Locale.ROOT).contains("dark");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return ask(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0\\b.*");
        }
        if (os.contains("mac")) {
            return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).toLowerCase(Locale.ROOT).contains("dark");
        }
        return ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
    }

    private static String ask(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.debug("no {} here to ask for the system theme", command.get(0));
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
