package dev.ums.console.gui.internal.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link ConsoleSettings} as {@code console.properties} in the config directory. A missing
 * or damaged file yields the defaults (damage is logged, never fatal); saving replaces the file atomically
 * so a crash never leaves half a file. Blocking file I/O: call it off the event thread, except at start.
 */
public record SettingsStore(Path dir) {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    static final String FILE = "console.properties";

    public Path dir() {
        return dir;
    }

    public ConsoleSettings load() {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return ConsoleSettings.defaults();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("cannot read {}; using the defaults: {}", file, e.getMessage());
            return ConsoleSettings.defaults();
        }
        ConsoleSettings d = ConsoleSettings.defaults();
        Map<String, String> pins = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("pin.")) {
                pins.put(key.substring("pin.".length()), p.getProperty(key));
            }
        }
        return new ConsoleSettings(
                parse(Theme.class, p.getProperty("theme"), d.theme()),
                parse(ViewerMode.class, p.getProperty("viewer"), d.viewer()),
                p.getProperty("viewer.command", d.externalCommand()),
                parseInt(p.getProperty("poll.seconds"), d.pollSeconds()),
                parse(ScalingMode.class, p.getProperty("scaling"), d.scaling()),
                picture(p, d.picture()),
                orderedServers(p), p.getProperty("user.last", ""), pins, p.getProperty("recording.folder", ""));
    }

    /** Writes the settings; failures are reported to the caller, who tells the user. */
    public void save(ConsoleSettings s) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("theme", s.theme().name());
        p.setProperty("viewer", s.viewer().name());
        p.setProperty("viewer.command", s.externalCommand());
        p.setProperty("poll.seconds", Integer.toString(s.pollSeconds()));
        p.setProperty("scaling", s.scaling().name());
        p.setProperty("picture.quality", s.picture().qualityText());
        p.setProperty("picture.compression", s.picture().compressionText());
        p.setProperty("picture.encoding", s.picture().encodingText());
        p.setProperty("picture.colour", s.picture().colourText());
        for (int i = 0; i < s.servers().size(); i++) {
            p.setProperty(String.format(Locale.ROOT, "server.%02d", i), s.servers().get(i));
        }
        p.setProperty("user.last", s.lastUser());
        s.pins().forEach((server, pin) -> p.setProperty("pin." + server, pin));
        p.setProperty("recording.folder", s.recordingFolder());
        Path temp = Files.createTempFile(dir, FILE, ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, "UMS Console settings");
        }
        try {
            Files.move(temp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The picture settings; any value that does not read leaves all four automatic (and is logged). */
    private static PictureSettings picture(Properties p, PictureSettings fallback) {
        try {
            return PictureSettings.parse(p.getProperty("picture.quality", fallback.qualityText()),
                    p.getProperty("picture.compression", fallback.compressionText()),
                    p.getProperty("picture.encoding", fallback.encodingText()),
                    p.getProperty("picture.colour", fallback.colourText()));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring the picture settings: {}", e.getMessage());
            return fallback;
        }
    }

    private static List<String> orderedServers(Properties p) {
        List<String> keys = new ArrayList<>(p.stringPropertyNames().stream().filter(k -> k.startsWith("server.")).toList());
        keys.sort(null);
        return keys.stream().map(p::getProperty).filter(v -> !v.isBlank()).toList();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring unknown {} '{}' in the settings", type.getSimpleName(), value);
            return fallback;
        }
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
