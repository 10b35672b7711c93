package dev.ums.protocol.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * The user's sentence for a file the command could not use, such as "cannot write /x/frame.png: permission denied".
 * The java.nio.file exceptions carry the path as their whole message and the operating system's reason only
 * sometimes ({@link FileSystemException#getReason()}); the type says the rest. Any thread.
 */
public final class FileFailureSentence {
    private FileFailureSentence() {
    }

    /** "cannot {@code verb} PATH: reason", e.g. {@code of("write", e)}. */
    public static String of(String verb, FileSystemException e) {
        String file = e.getFile() != null ? e.getFile() : "a file";
        return "cannot " + verb + " " + file + ": " + reason(e);
    }

    /**
     * "cannot {@code verb} FILE: reason", naming {@code file} whichever path {@code e} names: for work on a file
     * through another (a part file moved into place), where the user knows only the one they gave.
     */
    public static String of(String verb, Path file, FileSystemException e) {
        return "cannot " + verb + " " + file + ": " + reason(e);
    }

    /** Why the operating system refused, in lower case: "permission denied", "not a directory", … */
    private static String reason(FileSystemException e) {
        String reason = e.getReason();
        if (reason != null && !reason.isBlank()) {
            return lowerFirst(reason.strip());
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof NotLinkException) {
            return "not a symbolic link";
        }
        return "the file system refused";
    }

    /** "Not a directory" becomes "not a directory"; a word in capitals such as "NFS" stays. */
    private static String lowerFirst(String reason) {
        boolean capitalised = reason.length() > 1 && Character.isUpperCase(reason.charAt(0))
                && !Character.isUpperCase(reason.charAt(1));
        return capitalised ? Character.toLowerCase(reason.charAt(0)) + reason.substring(1) : reason;
    }
}
