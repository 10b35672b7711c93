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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data directory holding secrets (the server's password hashes, credential digests, audit log and TLS key; the
 * gateway's TLS key; the device agent's credential, enrollment key and TLS key): a new one is made {@code rwx------};
 * from an existing one of this user, and the files directly in it, every right of the group and of others is taken
 * (made by hand, or by an older version, under the umask's 755 with files 644), with one warning line saying what
 * was changed; the owner's own rights are left as they are (a {@code --data} naming a folder with programs in it keeps
 * them runnable). One of root's, used by a service account, is left as it is (its owner is the system's), with a
 * warning when others may enter it; one of any other user is refused, for that user could read the secrets whatever
 * the permissions. Links among its files are not followed. On a file system without POSIX permissions nothing is
 * changed. Called on the starting thread of the server, the gateway and the agent.
 */
public final class OwnerOnlyDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyDirectory.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = PosixFilePermissions.fromString("---rwxrwx");
    /** The changes one warning names; a directory with more changed files has the rest counted. */
    static final int CHANGES_NAMED = 20;
    private static final int NAME_SHOWN = 100;

    private OwnerOnlyDirectory() {
    }

    /**
     * Creates {@code dir} owner-only (with any missing parents, which keep the umask's permissions), or takes the
     * group's and others' rights from an existing one of this user and from every regular file directly in it, and
     * logs a warning naming what it changed; one of root's is left as it is.
     *
     * @throws IOException with one sentence naming the directory when it is another user's or cannot be made or
     *                     changed (a file in its path)
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
        if (!Files.isDirectory(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Path real = dir.toRealPath();
        if (!isOwnDirectory(dir, real)) {
            return;
        }
        List<String> changed = new ArrayList<>();
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(real);
        if (closeToOthers(real, before)) {
            changed.add("the directory was " + PosixFilePermissions.toString(before));
        }
        restrict(real, changed);
        if (!changed.isEmpty()) {
            LOG.warn("the data directory {} holds secrets and was not owner-only; took the group's and others' rights"
                    + " from it and its files ({})", dir, describe(changed));
        }
    }

    /**
     * Whether the directory is this user's to close. One of root's is left as it is, with a warning when others may
     * enter it; one of another user is refused.
     */
    private static boolean isOwnDirectory(Path dir, Path real) throws IOException {
        if (!real.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return true;
        }
        Object owner = Files.getAttribute(real, "unix:uid");
        if (owner.equals(ProcessOwner.uid(real))) {
            return true;
        }
        if (Integer.valueOf(0).equals(owner)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(real);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                LOG.warn("the data directory {} holds secrets, is root's and is {}: its permissions are left as root set"
                        + " them; take the group's and others' rights if they are not meant to read it", dir,
                        PosixFilePermissions.toString(permissions));
            }
            return false;
        }
        throw new IOException("the data directory " + dir + " belongs to another user (uid " + owner + "), who could"
                + " read its secrets; run as that user, or choose a directory of your own");
    }

    /**
     * Takes the group's and others' rights from every regular file directly in {@code dir} (files a library created
     * since), silently.
     */
    public static void restrictFiles(Path dir) throws IOException {
        if (POSIX) {
            restrict(dir, new ArrayList<>());
        }
    }

    /**
     * Takes the group's and others' rights from the regular files in {@code dir}, never through a link; each one
     * changed goes to {@code changed} with what it was.
     */
    private static void restrict(Path dir, List<String> changed) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Set<PosixFilePermission> before = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                    if (closeToOthers(file, before)) {
                        changed.add(PeerText.of(file.getFileName().toString(), NAME_SHOWN) + " was "
                                + PosixFilePermissions.toString(before));
                    }
                }
            }
        }
    }

    /** Takes the group's and others' rights from {@code path}, not following a link; whether it had any. */
    private static boolean closeToOthers(Path path, Set<PosixFilePermission> before) throws IOException {
        Set<PosixFilePermission> after = EnumSet.noneOf(PosixFilePermission.class);
        after.addAll(before);
        after.removeAll(OTHERS);
        if (after.equals(before)) {
            return false;
        }
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(after);
        return true;
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
