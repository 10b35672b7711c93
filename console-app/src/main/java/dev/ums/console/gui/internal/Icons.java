package dev.ums.console.gui.internal;

import com.formdev.flatlaf.extras.FlatSVGIcon;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import javax.swing.Icon;
import javax.swing.UIManager;

/**
 * The console's icons: Bootstrap Icons (MIT licence), read from their webjar and drawn by FlatLaf's SVG support
 * in the theme's text colour, so they follow a theme switch and scale with the display. Any thread may create
 * one; Swing paints them on the event thread.
 */
public final class Icons {
    private static final String WEBJAR = "META-INF/resources/webjars/bootstrap-icons/";
    private static final String ROOT = WEBJAR + version() + "/icons/";
    /** Bootstrap's icons are drawn in {@code currentColor}; every colour becomes the theme's text colour. */
    private static final FlatSVGIcon.ColorFilter TEXT_COLOUR =
            new FlatSVGIcon.ColorFilter(c -> UIManager.getColor("Label.foreground"));

    private Icons() {
    }

    /** The 16×16 icon {@code name} (a Bootstrap Icons name such as {@code display}); a missing name fails. */
    public static Icon of(String name) {
        return of(name, 16);
    }

    public static Icon of(String name, int size) {
        FlatSVGIcon icon = new FlatSVGIcon(ROOT + name + ".svg", size, size, Icons.class.getClassLoader());
        if (!icon.hasFound()) {
            throw new IllegalArgumentException("no icon named " + name + " in " + ROOT);
        }
        icon.setColorFilter(TEXT_COLOUR);
        return icon;
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = Icons.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/bootstrap-icons/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the bootstrap-icons webjar is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }
}
