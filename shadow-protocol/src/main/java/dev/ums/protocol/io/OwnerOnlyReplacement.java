package dev.ums.protocol.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file's new content to a part file of its own beside it, owner-only where the file system has POSIX
 * permissions, then moves it into place: a failed write leaves neither a half file nor the part file, and a link
 * planted at the name is replaced, not followed (the part file is new, under a name no one could know beforehand).
 * The folder must be writable. The part file's name starts with the file's name, cut so that it stays within the
 * 255 bytes file systems allow a name whatever the file's own name is. Any thread.
 */
public final class OwnerOnlyReplacement {
    /** The UTF-8 bytes of the file's name kept in its part file's name, which adds at most 26 of its own. */
    static final int NAME_BYTES_KEPT = 120;

    /** What goes into the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OwnerOnlyReplacement() {
    }

    /**
     * Replaces {@code file} with {@code content}.
     *
     * @throws IOException as the file system fails it ({@link java.nio.file.FileSystemException}s name the path), or as
     *                     {@code content} fails
     */
    public static void write(Path file, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path part = Files.createTempFile(folder, "." + cut(file.getFileName().toString()) + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(part)) {
                content.writeTo(out);
            }
            try {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException notDeleted) {
                e.addSuppressed(notDeleted);
            }
            throw e;
        }
    }

    /** The name's first characters whose UTF-8 bytes fit {@link #NAME_BYTES_KEPT}, never half a character. */
    static String cut(String name) {
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > NAME_BYTES_KEPT) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }
}
