package dev.ums.launcher;

import dev.ums.protocol.io.FileFailureSentence;
import dev.ums.protocol.io.OwnerOnlyReplacement;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The file a command's {@code --out} names: it and its folder are checked before the work (connecting, rendering) so
 * that a mistyped path fails at once, and the result is written after; both fail with one sentence naming the file
 * and the reason. Any thread.
 */
final class OutFile {
    private final Path file;

    OutFile(Path file) {
        this.file = file;
    }

    /** Fails unless the file's folder is a directory and the file itself is not one. */
    void checkPath() throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(FileFailureSentence.of("write", new FileSystemException(file.toString(), null,
                    "is a directory")));
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        if (Files.exists(folder)) {
            throw new IOException(FileFailureSentence.of("write", new NotDirectoryException(file.toString())));
        }
        throw new IOException("cannot write " + file + ": the folder " + folder + " does not exist");
    }

    /**
     * Writes {@code content} owner-only where the file system has POSIX permissions (the picture is as private as the
     * screen or recording it shows) through a part file moved into place ({@link OwnerOnlyReplacement}), so a failed
     * write leaves no half file and a link at the file's name is replaced, not followed. The folder must be writable
     * for that; a pipe or a device at the name ({@code /dev/stdout}) is written to as it is.
     */
    void write(byte[] content) throws IOException {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // a pipe or a device (/dev/stdout): written as it is; only files are replaced
                Files.write(file, content);
                return;
            }
            OwnerOnlyReplacement.write(file, out -> out.write(content));
        } catch (FileSystemException e) {
            throw new IOException(FileFailureSentence.of("write", file, e), e);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
