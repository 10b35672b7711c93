package dev.ums.server.internal.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The room recordings may take on the server's disk: what the disk has free, less {@code keepFreeBytes}, which stay
 * free for the database and the log, so that a session (a device sending noise as fast as the link carries it) cannot
 * fill the disk that the whole server needs. Immutable; any thread.
 */
record RecordingRoom(FreeSpace freeSpace, long keepFreeBytes) {
    /** What recordings leave free by default. */
    static final long KEEP_FREE_BYTES = 1L << 30;
    /** The disk's own count, leaving {@value #KEEP_FREE_BYTES} bytes free. */
    static final RecordingRoom DISK = new RecordingRoom(directory -> Files.getFileStore(directory).getUsableSpace(),
            KEEP_FREE_BYTES);

    /** How many bytes a disk has free for this program. */
    @FunctionalInterface
    interface FreeSpace {
        long usableBytes(Path directory) throws IOException;
    }

    /** Whether a recording in {@code directory} may write {@code bytes} more. */
    boolean allows(Path directory, long bytes) throws IOException {
        return freeSpace.usableBytes(directory) - bytes >= keepFreeBytes;
    }
}
