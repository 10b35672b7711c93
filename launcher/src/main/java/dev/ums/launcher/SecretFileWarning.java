package dev.ums.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The warning for a file holding a secret (a VNC password) that other users of the machine may read: its group or
 * everyone has read permission, as a file written under the usual umask 022 has. Such a file is still read, as
 * OpenSSH and libpq's {@code .pgpass} would not, because refusing it would break a working setup that a closed
 * folder protects; the warning says how to close it. Only regular files on file systems with POSIX permissions are
 * judged: a pipe ({@code --password-file <(pass show vnc)}) is private to the process that reads it. Any thread.
 */
final class SecretFileWarning {
    private SecretFileWarning() {
    }

    /** The sentence to show before {@code file} is read, or empty when only its owner can read it. */
    static Optional<String> of(String what, Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            // missing, unreadable or without POSIX permissions: reading it says what is wrong, if anything
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (!attributes.isRegularFile() || !(permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ))) {
            return Optional.empty();
        }
        return Optional.of("the " + what + " " + file + " can be read by other users of this machine ("
                + PosixFilePermissions.toString(permissions) + "); make it readable by its owner only: chmod 600 "
                + file);
    }
}
