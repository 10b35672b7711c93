package dev.ums.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentence for a file the command could not use names the file and the reason, whether the exception carries
 * the operating system's reason or only its type says it; the failures marked "real" come from the file system.
 */
class FileFailureSentenceTest {
    @TempDir
    Path dir;

    @Test
    void accessDeniedIsPermissionDenied() {
        assertThat(FileFailureSentence.of("access", new AccessDeniedException("/root/x")))
                .isEqualTo("cannot access /root/x: permission denied");
    }

    @Test
    void noSuchFileIsNoSuchFileOrDirectory() {
        assertThat(FileFailureSentence.of("write", new NoSuchFileException("/proc/x.png")))
                .isEqualTo("cannot write /proc/x.png: no such file or directory");
    }

    @Test
    void notADirectoryIsNotADirectory() {
        assertThat(FileFailureSentence.of("read", new NotDirectoryException("/etc/passwd")))
                .isEqualTo("cannot read /etc/passwd: not a directory");
    }

    @Test
    void anExistingFileIsSaidToExist() {
        assertThat(FileFailureSentence.of("create", new FileAlreadyExistsException("/tmp/s-1.umsrec")))
                .isEqualTo("cannot create /tmp/s-1.umsrec: it already exists");
    }

    @Test
    void aDirectoryNotEmptyIsSaidToBeNotEmpty() {
        assertThat(FileFailureSentence.of("delete", new DirectoryNotEmptyException("/tmp/d")))
                .isEqualTo("cannot delete /tmp/d: the directory is not empty");
    }

    @Test
    void theOperatingSystemsReasonIsUsedWhenGivenInLowerCase() {
        assertThat(FileFailureSentence.of("write", new FileSystemException("/mnt/cd/x", null, "Read-only file system")))
                .isEqualTo("cannot write /mnt/cd/x: read-only file system");
        assertThat(FileFailureSentence.of("write", new AccessDeniedException("/x", null, "NFS refused")))
                .isEqualTo("cannot write /x: NFS refused");
    }

    @Test
    void aFileSystemExceptionWithoutReasonStillSaysWhichFile() {
        assertThat(FileFailureSentence.of("access", new FileSystemException("/x")))
                .isEqualTo("cannot access /x: the file system refused");
    }

    @Test
    void realWriteIntoADirectoryIsADirectory() {
        FileSystemException e = catchThrowableOfType(() -> Files.write(dir, new byte[1]), FileSystemException.class);
        assertThat(FileFailureSentence.of("write", e)).isEqualTo("cannot write " + dir + ": is a directory");
    }

    @Test
    void realPathUnderARegularFileIsNotADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path under = file.resolve("logs");
        FileSystemException e = catchThrowableOfType(() -> Files.createDirectories(under), FileSystemException.class);
        assertThat(FileFailureSentence.of("create", e)).isEqualTo("cannot create " + under + ": not a directory");
    }

    @Test
    void realMissingFileIsNoSuchFile() {
        Path missing = dir.resolve("missing/x.png");
        FileSystemException e = catchThrowableOfType(() -> Files.write(missing, new byte[1]), FileSystemException.class);
        assertThat(FileFailureSentence.of("write", e)).isEqualTo("cannot write " + missing + ": no such file or directory");
    }
}
