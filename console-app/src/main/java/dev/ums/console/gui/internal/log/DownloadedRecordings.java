package dev.ums.console.gui.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings the shadow log downloads for its players, each in a temporary folder of its own that only the user
 * may open ({@code Files.createTempDirectory}, {@code rwx------} on POSIX), with the download's part file beside it;
 * the folder is removed when its player closes, and every one still there when the console quits ({@link #deleteAll}):
 * a recording holds everything typed during its session, and a player still open at Quit was never closed, so its copy
 * stayed in the temporary folder. A download still running at Quit loses its folder, part file included, and fails
 * when it moves the part into place, so it opens no player. Thread-safe; the file work blocks, so call it from a
 * worker.
 */
public final class DownloadedRecordings {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadedRecordings.class);
    private static final Set<Path> FOLDERS = ConcurrentHashMap.newKeySet();

    private DownloadedRecordings() {
    }

    /** Where a new download goes: a file not yet there, in a new folder remembered until it is deleted. */
    static Path create() throws IOException {
        Path folder = Files.createTempDirectory("ums-recording-");
        FOLDERS.add(folder);
        return folder.resolve("recording.umsrec");
    }

    /** Deletes {@code file}'s folder (a failure is logged: the folder stays for {@link #deleteAll} to try again). */
    static void delete(Path file) {
        Path folder = file.getParent();
        try (Stream<Path> inside = Files.walk(folder)) {
            for (Path p : inside.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            FOLDERS.remove(folder);
        } catch (IOException e) {
            LOG.warn("cannot delete the downloaded recording {}: {}", folder, e.toString());
        }
    }

    /** Deletes every downloaded recording still there; at Quit, after the players closed. */
    public static void deleteAll() {
        List.copyOf(FOLDERS).forEach(folder -> delete(folder.resolve("recording.umsrec")));
    }

    /** The folders of the downloads still there. */
    public static List<Path> folders() {
        return List.copyOf(FOLDERS);
    }
}
