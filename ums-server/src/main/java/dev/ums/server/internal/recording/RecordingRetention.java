package dev.ums.server.internal.recording;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes recordings older than the retention period: a recording is kept for that long after it was last
 * written (its session's end). Only regular {@code *.umsrec} files directly in the recordings directory are
 * touched. Called on the housekeeping thread.
 */
public record RecordingRetention(Path directory, Duration keep, Clock clock) {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRetention.class);

    /** Deletes the recordings past the period; answers how many. */
    public int sweep() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        Instant oldest = clock.instant().minus(keep);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SessionRecordings.EXTENSION)) {
            for (Path file : files) {
                if (deleteIfOlder(file, oldest)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warn("listing the recordings in {} failed", directory, e);
        }
        if (deleted > 0) {
            LOG.info("deleted {} recording(s) older than {} days", deleted, keep.toDays());
        }
        return deleted;
    }

    private static boolean deleteIfOlder(Path file, Instant oldest) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(oldest)) {
                return false;
            }
            Files.delete(file);
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            LOG.warn("deleting the old recording {} failed", file, e);
            return false;
        }
    }
}
