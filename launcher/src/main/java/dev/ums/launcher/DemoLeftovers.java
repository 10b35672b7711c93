package dev.ums.launcher;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's temporary directories and what a demo that did not stop normally ({@code kill -9}, a power cut) left of
 * them. Each demo writes a marker into its own directory naming its process (id and start time); the next demo to
 * start removes every sibling {@code ums-demo-*} directory of the same user whose process has ended, or that has
 * no readable marker and was last changed more than {@link #UNMARKED_AGE} ago (left by a version that wrote no
 * marker, or killed between making its directory and writing the marker). A directory of a demo still running,
 * another user's directory, one whose demo ran in another process id namespace (a container sharing this
 * {@code /tmp}, whose processes this one cannot see) and anything that is not a directory (a link planted at such a
 * name) are left alone; a tree is deleted without following links.
 *
 * <p>Threads: called on the demo's main thread by {@link DemoCluster#create()}, before anything of the demo starts.
 */
final class DemoLeftovers {
    static final String PREFIX = "ums-demo-";
    /** The marker's name in a demo's directory. */
    static final String MARKER = "demo-process.properties";
    /** How long a directory without a marker is kept: a demo writes its marker right after making the directory. */
    static final Duration UNMARKED_AGE = Duration.ofDays(1);
    /**
     * How far two readings of one process's start time may differ: it is reckoned from the machine's boot time, which
     * each JVM reads once, and which moves when the clock is set.
     */
    static final Duration SAME_START = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(DemoLeftovers.class);
    /** Names this process's process id namespace, where the system shows it. */
    private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");

    private DemoLeftovers() {
    }

    /** Writes the marker naming this process into the demo's own directory {@code dir}. */
    static void mark(Path dir) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        StringBuilder text = new StringBuilder("pid=").append(self.pid()).append('\n');
        self.info().startInstant().ifPresent(start -> text.append("start=").append(start).append('\n'));
        pidNamespace().ifPresent(namespace -> text.append("pidns=").append(namespace).append('\n'));
        Files.writeString(dir.resolve(MARKER), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /**
     * Removes what ended demos left beside {@code own} (the calling demo's directory, which is kept), judging
     * ownership by the uid of {@code own}. Answers the directories removed; never throws.
     */
    static List<Path> sweepBeside(Path own) {
        Object uid;
        try {
            uid = Files.getAttribute(own, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.debug("no uid for {}, so no leftovers of other demos are removed: {}", own, e.toString());
            return List.of();
        }
        return sweepBeside(own, uid);
    }

    /** {@link #sweepBeside(Path)} for the user with the numeric id {@code uid}. */
    static List<Path> sweepBeside(Path own, Object uid) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(own.getParent(), PREFIX + "*")) {
            for (Path sibling : siblings) {
                if (!sibling.getFileName().equals(own.getFileName())) {
                    leftBehind(sibling, uid).ifPresent(why -> {
                        if (TempTree.delete(sibling)) {
                            LOG.info("removed {}, the temporary directory of a demo that {}", sibling, why);
                            removed.add(sibling);
                        }
                    });
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for leftovers of earlier demos beside {}: {}", own, e.toString());
        }
        return removed;
    }

    /** Why {@code dir} was left behind by a demo no longer running, or empty if it is to be kept. */
    private static Optional<String> leftBehind(Path dir, Object uid) {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(dir, "unix:uid,isDirectory,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return Optional.empty(); // gone meanwhile, or unreadable: not ours to judge
        }
        if (!Boolean.TRUE.equals(attributes.get("isDirectory")) || !uid.equals(attributes.get("uid"))) {
            return Optional.empty();
        }
        Optional<Properties> marker = readMarker(dir.resolve(MARKER));
        if (marker.isEmpty()) {
            FileTime changed = (FileTime) attributes.get("lastModifiedTime");
            return changed.toInstant().isBefore(Instant.now().minus(UNMARKED_AGE))
                    ? Optional.of("wrote no marker and was last changed " + changed) : Optional.empty();
        }
        return processEnded(marker.get());
    }

    /** The marker's content, or empty when there is none or it cannot be read (a link is not followed). */
    private static Optional<Properties> readMarker(Path file) {
        try (Reader in = new InputStreamReader(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                StandardCharsets.UTF_8)) {
            Properties marker = new Properties();
            marker.load(in);
            return marker.getProperty("pid") == null ? Optional.empty() : Optional.of(marker);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** This process's process id namespace, as the system names it ({@code pid:[4026531836]}), where it shows it. */
    private static Optional<String> pidNamespace() {
        try {
            return Optional.of(Files.readSymbolicLink(PID_NAMESPACE).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Why the process the marker names is no longer the demo, or empty while it may still be. */
    private static Optional<String> processEnded(Properties marker) {
        long pid;
        Optional<Instant> start;
        try {
            pid = Long.parseLong(marker.getProperty("pid").trim());
            String recorded = marker.getProperty("start");
            start = recorded == null ? Optional.empty() : Optional.of(Instant.parse(recorded.trim()));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty(); // a marker that cannot be read is judged as none: kept while it is young
        }
        String namespace = marker.getProperty("pidns");
        if (namespace != null && !pidNamespace().map(namespace.trim()::equals).orElse(false)) {
            return Optional.empty(); // its process ids are not this process's to look up
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.of("ran as process " + pid + ", which has ended");
        }
        Optional<Instant> now = process.get().info().startInstant();
        if (start.isPresent() && now.isPresent()
                && Duration.between(start.get(), now.get()).abs().compareTo(SAME_START) > 0) {
            return Optional.of("ran as process " + pid + " started at " + start.get()
                    + "; the process of that id now started at " + now.get());
        }
        return Optional.empty();
    }
}
