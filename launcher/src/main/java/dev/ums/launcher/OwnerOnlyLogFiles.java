package dev.ums.launcher;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import dev.ums.protocol.io.ProcessOwner;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The log files' appender: each file it opens, the first and every one a rollover begins, is {@code rw-------} where
 * the file system has POSIX permissions, whatever the umask, so the lines (devices, administrators, addresses) stay
 * the user's also in a log directory that is not closed: one another user owns, such as a service's shared
 * {@code /var/log/ums}, whose permissions the launcher leaves alone. A file that exists is appended to as it is
 * (another {@code ums} process of the user made it), and closed to its owner if it is this user's. Called by logback
 * on the thread that logs when it opens a file, under the appender's lock.
 */
final class OwnerOnlyLogFiles extends RollingFileAppender<ILoggingEvent> {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Override
    public void openFile(String fileName) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            createOwnerOnly(Path.of(fileName));
        }
        super.openFile(fileName);
    }

    private static void createOwnerOnly(Path file) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException exists) {
            closeIfOwn(file);
        } catch (IOException | UnsupportedOperationException e) {
            // logback's own opening of the file then fails or succeeds, and reports as it always did
        }
    }

    private static void closeIfOwn(Path file) {
        try {
            if (Files.isRegularFile(file) && ProcessOwner.owns(file)
                    && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException refused) {
            // appended to as it is
        }
    }
}
