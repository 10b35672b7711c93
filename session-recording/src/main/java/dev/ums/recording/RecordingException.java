package dev.ums.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A recording that cannot be read, with the kind of trouble so that the edge (the console, the
 * command line, the REST API) can make its own sentence. The message is already one sentence. Immutable; any thread.
 */
public final class RecordingException extends IOException {

    /** Why the recording cannot be read. */
    public enum Kind {
        /** There is no file at the path. */
        MISSING,
        /**
         * There is something at the path that cannot be read: a directory, a file this user may not read, a read
         * error of the disk (the message names the file and the reason).
         */
        UNREADABLE,
        /** The file does not start with the recording magic. */
        NOT_A_RECORDING,
        /** The file is a recording of a format version this build does not read. */
        UNSUPPORTED_VERSION,
        /** The file is a recording, but its content is broken (the message names the byte offset). */
        DAMAGED
    }

    private final Kind kind;
    private final transient Path file;

    public RecordingException(Kind kind, Path file, String message) {
        this(kind, file, message, null);
    }

    public RecordingException(Kind kind, Path file, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.file = file;
    }

    public Kind kind() {
        return kind;
    }

    public Path file() {
        return file;
    }
}
