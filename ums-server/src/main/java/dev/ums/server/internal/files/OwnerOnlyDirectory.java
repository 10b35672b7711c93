package dev.ums.server.internal.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The server's data directory holds password hashes, device credential digests, the audit log and the TLS
 * key: the directory is made {@code rwx------} and its files {@code rw-------}, so no other local user
 * can read them. On a file system without POSIX permissions nothing is changed. Called at start only.
 */
public final class OwnerOnlyDirectory {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyDirectory() {
    }

    /** Creates {@code dir} owner-only, or makes an existing one owner-only, with every file in it. */
    public static void secure(Path dir) throws IOException {
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
        Files.setPosixFilePermissions(dir, DIRECTORY);
        restrictFiles(dir);
    }

    /** Makes every regular file directly in {@code dir} owner-only (files a library created since). */
    public static void restrictFiles(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            }
        }
    }
}
