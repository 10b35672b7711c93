package dev.ums.protocol.io;

import dev.ums.protocol.log.PeerText;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data directory holding secrets (the server's password hashes, credential digests, audit log and TLS key; the
 * gateway's TLS key; the device agent's credential, enrollment key and TLS key): the directory is made
 * {@code rwx------} and its files {@code rw-------}, so no other local user can read them. A directory that was not
 * so (made by hand, or by an older version, under the umask's 755 with files 644) is changed at start, with one
 * warning line saying what was changed. On a file system without POSIX permissions nothing is changed. Called on
 * the starting thread of the server, the gateway and the agent.
 */
public final class OwnerOnlyDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyDirectory.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** The changes one warning names; a directory with more changed files has the rest counted. */
    static final int CHANGES_NAMED = 20;
    private static final int NAME_SHOWN = 100;

    private OwnerOnlyDirectory() {
    }

    /**
     * Creates {@code dir} owner-only (with any missing parents, which keep the umask's permissions), or makes an
     * existing one owner-only, with every regular file directly in it, and logs a warning naming what it changed.
     *
     * @throws IOException with one sentence naming the directory when it cannot be made or changed (another user's,
     *                     a file in its path)
     */
    public static void secure(Path dir) throws IOException {
        try {
            secureOrFail(dir);
        } catch (FileSystemException e) {
            throw new IOException("the data directory " + dir + " cannot be made readable by its owner only ("
                    + PeerText.of(reason(e), NAME_SHOWN) + "); run as the user who owns it, or choose another", e);
        }
    }

    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof FileAlreadyExistsException) {
            return e.getFile() + " is not a directory";
        }
        return e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
    }

    private static void secureOrFail(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        List<String> changed = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
            if (!before.equals(DIRECTORY)) {
                changed.add("the directory was " + PosixFilePermissions.toString(before));
            }
        } else {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
        restrict(dir, changed);
        if (!changed.isEmpty()) {
            LOG.warn("the data directory {} holds secrets and was not owner-only; made it rwx------ and its files "
                    + "rw------- ({})", dir, describe(changed));
        }
    }

    /** Makes every regular file directly in {@code dir} owner-only (files a library created since), silently. */
    public static void restrictFiles(Path dir) throws IOException {
        if (POSIX) {
            restrict(dir, new ArrayList<>());
        }
    }

    /** Makes the regular files in {@code dir} owner-only; each one changed goes to {@code changed} with what it was. */
    private static void restrict(Path dir, List<String> changed) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Set<PosixFilePermission> before = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                    if (!before.equals(FILE)) {
                        Files.setPosixFilePermissions(file, FILE);
                        changed.add(PeerText.of(file.getFileName().toString(), NAME_SHOWN) + " was "
                                + PosixFilePermissions.toString(before));
                    }
                }
            }
        }
    }

    /** The first {@link #CHANGES_NAMED} changes, then how many more there were. */
    private static String describe(List<String> changed) {
        if (changed.size() <= CHANGES_NAMED) {
            return String.join(", ", changed);
        }
        return String.join(", ", changed.subList(0, CHANGES_NAMED)) + " and " + (changed.size() - CHANGES_NAMED)
                + " more files";
    }
}
