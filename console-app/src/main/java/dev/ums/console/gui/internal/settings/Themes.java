package dev.ums.console.gui.internal.settings;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Window;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;

/**
 * Installs FlatLaf in the chosen {@link Theme}. The console's own colours and shapes live in
 * {@code dev/ums/console/gui/themes/FlatLaf.properties} (and the light/dark variants), not in code.
 * Event thread only.
 */
public final class Themes {
    private static boolean sourceRegistered;

    private Themes() {
    }

    /** Installs the look and feel; {@code systemPrefersDark} decides {@link Theme#SYSTEM}. */
    public static void install(Theme theme, boolean systemPrefersDark) {
        if (!sourceRegistered) {
            FlatLaf.registerCustomDefaultsSource("dev.ums.console.gui.themes");
            sourceRegistered = true;
        }
        boolean dark = theme == Theme.DARK || (theme == Theme.SYSTEM && systemPrefersDark);
        if (dark) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        UIManager.put("TitlePane.unifiedBackground", true);
    }

    /** Switches a running console to another theme and repaints every open window. */
    public static void switchTo(Theme theme, boolean systemPrefersDark) {
        install(theme, systemPrefersDark);
        for (Window window : Window.getWindows()) {
            SwingUtilities.updateComponentTreeUI(window);
        }
    }

    /** Whether the installed look is a dark one. */
    public static boolean isDark() {
        return FlatLaf.isLafDark();
    }
}
