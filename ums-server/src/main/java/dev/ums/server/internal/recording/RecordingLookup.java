package dev.ums.server.internal.recording;

import dev.ums.server.internal.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the recording of an audit entry for a download. The file's name comes from the audit entry, which only
 * the server writes, and must still look like one the server makes ({@code <uuid>.umsrec}) and lie directly in
 * the recordings directory: no request can name another file. Any thread.
 */
public record RecordingLookup(Path directory, AuditLog audit) {
    private static final Pattern NAME = Pattern.compile("[0-9a-fA-F-]{1,64}\\.umsrec");

    /** What an audit entry's recording turned out to be. */
    public enum Kind {
        /** The file is there. */
        FOUND,
        /** No audit entry has this id. */
        NO_SESSION,
        /** The session was not recorded. */
        NOT_RECORDED,
        /** The session was recorded, but the file is gone (the retention period deleted it). */
        GONE
    }

    /** The outcome; {@code file} is set for {@link Kind#FOUND} and {@link Kind#GONE}. */
    public record Result(Kind kind, Path file) {
    }

    public Result find(long auditId) {
        Optional<String> name = audit.recordingOf(auditId);
        if (name.isEmpty()) {
            return new Result(audit.exists(auditId) ? Kind.NOT_RECORDED : Kind.NO_SESSION, null);
        }
        if (!NAME.matcher(name.get()).matches()) {
            return new Result(Kind.NOT_RECORDED, null);
        }
        Path file = directory.resolve(name.get()).normalize();
        if (!directory.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Result(Kind.GONE, file);
        }
        return new Result(Kind.FOUND, file);
    }
}
