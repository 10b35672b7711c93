package dev.ums.console.gui.internal.settings;

import dev.ums.console.core.ServerAddress;
import dev.ums.protocol.log.PeerText;

import dev.ums.protocol.tls.Fingerprints;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link ConsoleSettings} as {@code console.properties} in the config directory. A missing file
 * yields the defaults, a damaged one what can still be read of it (damage is logged, never fatal); saving replaces the
 * file atomically so a crash never leaves half a file. Blocking file I/O: call it off the event thread, except at start.
 */
public record SettingsStore(Path dir) {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    static final String FILE = "console.properties";
    /** The most of the file that is read: the console writes a few KiB. */
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    public Path dir() {
        return dir;
    }

    /**
     * The settings in the file, or the defaults where there is none. A damaged or foreign file never stops the console:
     * what reads is kept, line by line, and the rest is said in one warning line. Only a regular file is read (a pipe
     * or a device planted at the name would hold the start or fill the memory), and only its first
     * {@value #MAX_FILE_BYTES} bytes (the console writes a few KiB); bytes that are not UTF-8 read as U+FFFD; a pin that
     * is not a SHA-256 fingerprint is dropped, so the server is met as for the first time rather than refused forever.
     */
    public ConsoleSettings load() {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return ConsoleSettings.defaults();
        }
        if (!Files.isRegularFile(file)) {
            LOG.warn("{} is not a regular file; using the default settings", file);
            return ConsoleSettings.defaults();
        }
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                LOG.warn("{} is longer than {} bytes; only its first {} bytes are read", file, MAX_FILE_BYTES,
                        MAX_FILE_BYTES);
                bytes = Arrays.copyOf(bytes, MAX_FILE_BYTES);
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot read {}; using the default settings: {}", file, e.toString());
            return ConsoleSettings.defaults();
        }
        Properties p = readable(file, text);
        ConsoleSettings d = ConsoleSettings.defaults();
        return new ConsoleSettings(
                parse(Theme.class, p.getProperty("theme"), d.theme()),
                parse(ViewerMode.class, p.getProperty("viewer"), d.viewer()),
                p.getProperty("viewer.command", d.externalCommand()),
                parseInt(p.getProperty("poll.seconds"), d.pollSeconds()),
                parse(ScalingMode.class, p.getProperty("scaling"), d.scaling()),
                picture(p, d.picture()),
                orderedServers(p), p.getProperty("user.last", ""), pins(p), p.getProperty("recording.folder", ""));
    }

    /** The entries of {@code text}; when one line does not read (a broken escape), every other line still does. */
    private static Properties readable(Path file, String text) {
        Properties whole = new Properties();
        try {
            whole.load(new StringReader(text));
            return whole;
        } catch (IOException | IllegalArgumentException e) {
            Properties kept = new Properties();
            long skipped = text.lines().filter(line -> !loads(line, kept)).count();
            LOG.warn("{} is damaged ({}); {} lines that do not read were skipped and the rest is used", file,
                    e.getMessage(), skipped);
            return kept;
        }
    }

    private static boolean loads(String line, Properties into) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(line));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        into.putAll(one);
        return true;
    }

    /**
     * The pinned fingerprints ({@code pin.host:port}) under each server's address as {@link ServerAddress} spells it
     * (older versions kept the host as typed: a pin saved under that spelling counts unless the address's own spelling
     * has one); one that is not a SHA-256 fingerprint is dropped and logged.
     */
    private static Map<String, String> pins(Properties p) {
        Map<String, String> pins = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("pin.")) {
                String typed = key.substring("pin.".length());
                String server = address(typed);
                try {
                    String pin = Fingerprints.normalize(p.getProperty(key));
                    if (typed.equals(server)) {
                        pins.put(server, pin);
                    } else {
                        pins.putIfAbsent(server, pin);
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring the pin of {} in the settings: it is not a SHA-256 fingerprint",
                            PeerText.of(server, 200));
                }
            }
        }
        return pins;
    }

    private static String address(String typed) {
        try {
            return ServerAddress.parse(typed).toString();
        } catch (IllegalArgumentException e) {
            return typed.toLowerCase(Locale.ROOT);
        }
    }

    /** Writes the settings; failures are reported to the caller, who tells the user. */
    public void save(ConsoleSettings s) throws IOException {
        ownerOnlyDirectory();
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

    /**
     * Makes the directory (with any missing parents) or keeps it {@code rwx------} where the file system has POSIX
     * permissions: besides the settings (created {@code rw-------}) it holds the known VNC certificates and, for
     * {@code ums console}, the log files, and a folder others may write to would let them plant links at those names.
     * A directory another user owns, or whose file system refuses the change, keeps its permissions.
     */
    private void ownerOnlyDirectory() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir);
            return;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            if (Files.getOwner(dir).getName().equals(System.getProperty("user.name"))
                    && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException refused) {
            LOG.debug("{} keeps its permissions: {}", dir, refused.toString());
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
        return keys.stream().map(p::getProperty).filter(v -> !v.isBlank()).limit(ConsoleSettings.MAX_SERVERS).toList();
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
