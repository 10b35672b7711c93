package dev.ums.protocol.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Whether a file is this process's user's, before it is closed to its owner (log files, data directories), and which
 * uid that user has. Judged by numeric uid where the file system has the "unix" view: {@code user.name} may say
 * anything (it is a system property), and several names may share one uid; by name only where there is no uid. The
 * uid is the file system uid in {@code /proc/self/status} where the system shows it (Linux), not the owner of
 * {@code /proc/self}, which is root for a process started from a program with file capabilities. Keeps no state; any
 * thread.
 */
public final class ProcessOwner {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessOwner() {
    }

    /** Whether this process's user owns {@code file} (a link is followed: the file it names is judged). */
    public static boolean owns(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return Files.getOwner(file).getName().equals(System.getProperty("user.name"));
        }
        Path absolute = file.toAbsolutePath();
        Path dir = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        return Files.getAttribute(file, "unix:uid").equals(uid(dir));
    }

    /**
     * The uid this process makes files with: {@link #statusUid()} where the system shows it, else that of a file it
     * makes in {@code dir} and deletes again.
     */
    public static Object uid(Path dir) throws IOException {
        OptionalInt status = statusUid();
        return status.isPresent() ? Integer.valueOf(status.getAsInt()) : uidOfAFileMadeIn(dir);
    }

    /** This process's file system uid in {@code /proc/self/status}; empty where there is none. */
    public static OptionalInt statusUid() {
        try {
            // ISO-8859-1: the process's name, on another line, may be any bytes
            for (String line : Files.readAllLines(STATUS, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("Uid:")) {
                    // real, effective, saved and file system uid
                    return OptionalInt.of(Integer.parseInt(line.substring("Uid:".length()).trim().split("\\s+")[3]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a status the system wrote otherwise: no uid from there
        }
        return OptionalInt.empty();
    }

    /** The uid of a file this process makes in {@code dir} and deletes again. */
    public static Object uidOfAFileMadeIn(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".ums-owner-", ".tmp");
        try {
            return Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
