package dev.ums.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether a file is this process's user's, before the launcher closes it to its owner ({@link LogConfiguration},
 * {@link OwnerOnlyLogFiles}). Judged by numeric uid where the file system has the "unix" view: {@code user.name} may
 * say anything (it is a system property), and several names may share one uid; by name only where there is no uid.
 * Keeps no state; any thread.
 */
final class ProcessOwner {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessOwner() {
    }

    /** Whether this process's user owns {@code file} (a link is followed: the file it names is judged). */
    static boolean owns(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return Files.getOwner(file).getName().equals(System.getProperty("user.name"));
        }
        Path absolute = file.toAbsolutePath();
        Path dir = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        return Files.getAttribute(file, "unix:uid").equals(uid(dir));
    }

    /**
     * The uid this process makes files with: its file system uid in {@code /proc/self/status} where there is one
     * (Linux; not the owner of {@code /proc/self}, which is root for a process started from a program with file
     * capabilities), else that of a file it makes in {@code dir} (the judged directory, or the judged file's) and
     * deletes again.
     */
    static Object uid(Path dir) throws IOException {
        if (Files.isReadable(STATUS)) {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("Uid:")) {
                    // real, effective, saved and file system uid
                    return Integer.valueOf(line.substring("Uid:".length()).trim().split("\\s+")[3]);
                }
            }
        }
        return uidOfAFileMadeIn(dir);
    }

    static Object uidOfAFileMadeIn(Path dir) throws IOException {
        Path probe = Files.createTempFile(dir, ".ums-owner-", ".tmp");
        try {
            return Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
