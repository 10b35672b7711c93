package dev.ums.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's temporary directories and what a demo that did not stop normally ({@code kill -9}, a power cut) left of
 * them. Each demo holds a lock on a marker file in its own directory for as long as it runs; the system lets go of it
 * whenever the process ends, however it ends. The next demo to start removes every sibling {@code ums-demo-*}
 * directory of the same user ({@code rwx------}, as demos make them) whose marker it can lock, or that has no marker
 * and where nothing has changed for {@link #UNMARKED_AGE} (left by a version that wrote no marker, or killed between
 * making its directory and writing the marker). A running demo's directory, another user's, one others may write
 * into, and anything that is not a directory (a link planted at such a name) are left alone; a tree is deleted without
 * following links. Neither process ids nor clocks decide: a lock is not fooled by a reused id, a stepped clock or a
 * container on the same machine sharing {@code /tmp}.
 *
 * <p>Threads: called on the demo's main thread by {@link DemoCluster#create()}, before anything of the demo starts.
 */
final class DemoLeftovers {
    static final String PREFIX = "ums-demo-";
    /** The marker's name in a demo's directory. */
    static final String MARKER = "demo-process.lock";
    /** How long a directory without a marker is kept after the last change in it. */
    static final Duration UNMARKED_AGE = Duration.ofDays(1);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = LoggerFactory.getLogger(DemoLeftovers.class);
    /**
     * The markers this process has locked. A sweep never opens one of them: closing any channel of a file lets go of
     * every lock the process holds on it, so looking would release the demo's own lock.
     */
    private static final Set<Path> OWN_MARKERS = ConcurrentHashMap.newKeySet();

    private DemoLeftovers() {
    }

    /**
     * Writes the marker into the demo's own directory {@code dir} and locks it; it names the process for a person who
     * looks. Answers the marker's channel, to be closed just before the directory is deleted (the system closes it
     * when the process ends otherwise).
     */
    static FileChannel mark(Path dir) throws IOException {
        Path file = dir.resolve(MARKER);
        FileChannel marker = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        OWN_MARKERS.add(file.toAbsolutePath());
        try {
            try {
                marker.lock();
            } catch (IOException unsupported) {
                // a file system without locks (some network ones): the other demos' sweeps cannot lock it either,
                // so they keep this directory
                LOG.info("the marker of {} cannot be locked: {}", dir, unsupported.toString());
            }
            // written once locked: an empty marker is one being made
            marker.write(StandardCharsets.UTF_8.encode("the directory of ums demo, process "
                    + ProcessHandle.current().pid() + "\n"));
            return marker;
        } catch (IOException | RuntimeException e) {
            marker.close();
            throw e;
        }
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
                if (!sibling.getFileName().equals(own.getFileName()) && removeIfLeftBehind(sibling, uid)) {
                    removed.add(sibling);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for leftovers of earlier demos beside {}: {}", own, e.toString());
        }
        return removed;
    }

    /** Removes {@code dir} if a demo no longer running left it; answers whether it did. */
    private static boolean removeIfLeftBehind(Path dir, Object uid) {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(dir, "unix:uid,isDirectory,permissions", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false; // gone meanwhile, or unreadable: not ours to judge
        }
        if (!Boolean.TRUE.equals(attributes.get("isDirectory")) || !uid.equals(attributes.get("uid"))
                || !OWNER_ONLY.equals(attributes.get("permissions"))) {
            return false;
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            return removeIfUnchanged(dir);
        }
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || OWN_MARKERS.contains(marker.toAbsolutePath())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return false;
            }
            // an empty marker is one a demo is making (it writes once it holds the lock), or that a demo killed at
            // that moment left: judged as none. The tree goes while the lock is held.
            return channel.size() == 0 ? removeIfUnchanged(dir) : remove(dir, "has ended");
        } catch (OverlappingFileLockException ownedHere) {
            return false;
        } catch (IOException e) {
            LOG.debug("cannot judge {}: {}", dir, e.toString());
            return false;
        }
    }

    /** Removes a directory without a marker once nothing in it has changed for {@link #UNMARKED_AGE}. */
    private static boolean removeIfUnchanged(Path dir) {
        Instant latest;
        try (Stream<Path> tree = Files.walk(dir)) {
            latest = tree.map(DemoLeftovers::changed).max(Instant::compareTo).orElse(Instant.now());
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return latest.isBefore(Instant.now().minus(UNMARKED_AGE))
                && remove(dir, "wrote no marker, and nothing in it has changed since " + latest);
    }

    private static Instant changed(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.now(); // changing now, or gone: not old
        }
    }

    private static boolean remove(Path dir, String why) {
        if (!TempTree.delete(dir)) {
            return false;
        }
        LOG.info("removed {}, the temporary directory of a demo that {}", dir, why);
        return true;
    }

}
