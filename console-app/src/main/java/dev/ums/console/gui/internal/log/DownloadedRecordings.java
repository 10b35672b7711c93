package dev.ums.console.gui.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings the shadow log downloaded for its players: temporary files only the user can read
 * ({@code Files.createTempFile}, {@code rw-------} on POSIX), each removed when its player closes, and every one still
 * there when the console quits ({@link #deleteAll}): a recording holds everything typed during its session, and a
 * player still open at Quit was never closed, so its copy stayed in the temporary folder. Thread-safe; the file work
 * blocks, so call it from a worker.
 */
public final class DownloadedRecordings {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadedRecordings.class);
    private static final Set<Path> KEPT = ConcurrentHashMap.newKeySet();

    private DownloadedRecordings() {
    }

    /** A new empty temporary file for a download, remembered until it is deleted. */
    static Path create() throws IOException {
        Path file = Files.createTempFile("ums-recording-", ".umsrec");
        KEPT.add(file);
        return file;
    }

    /** Deletes {@code file} (a failure is logged: the file stays for {@link #deleteAll} to try again). */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            KEPT.remove(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the downloaded recording {}: {}", file, e.toString());
        }
    }

    /** Deletes every downloaded recording still there; at quit, after the players closed. */
    public static void deleteAll() {
        List.copyOf(KEPT).forEach(DownloadedRecordings::delete);
    }
}
