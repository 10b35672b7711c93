package dev.ums.recording;

import dev.ums.recording.internal.HeaderJson;
import dev.ums.recording.internal.RecordFormat;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes one session's recording: the magic, then a compressed stream of the header and the
 * timestamped chunks of both directions, ended by an end record. The compressed stream is
 * flushed (SYNC_FLUSH) at least once a second while chunks arrive, on {@link #flush()} and on
 * close, so a server killed mid-session leaves a readable prefix: what {@link #flush()} wrote is
 * with the operating system and survives the process. {@link #close()} forces the whole file to the
 * disk, so a closed recording also survives a power cut; while it is written, a power cut may lose
 * what the operating system had not yet written back.
 *
 * <p>A write that fails (a full disk) ends the writing: the bytes that reached the file stay a
 * readable prefix, later calls fail with that failure as their cause, and {@link #close()} only
 * closes the file. Writing on, or finishing the stream, after bytes were lost would put a gap into
 * the compressed stream and make everything after it unreadable.
 *
 * <p>One thread at a time: the recorder's writer thread. Never the relay's threads, which must
 * not wait for a disk.
 */
public final class RecordingWriter implements Closeable {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /** The file itself, unbuffered: after a failure it is closed without writing the buffer again. */
    private final OutputStream file;
    /** Forces what reached the file to the disk. */
    private final FileSync sync;
    private final BufferedOutputStream buffered;
    private final Deflater deflater;
    private final DeflaterOutputStream out;
    private final byte[] recordHead = new byte[13];
    private long lastFlushNanos = System.nanoTime();
    /** Whether records were written since the last flush: an idle recording does not grow by flush markers. */
    private boolean unflushed;
    private boolean ended;
    private boolean closed;
    /** The write that failed; nothing is written after it. */
    private IOException failure;

    private RecordingWriter(OutputStream file, FileSync sync) {
        this.file = file;
        this.sync = sync;
        this.buffered = new BufferedOutputStream(file, 64 * 1024);
        this.deflater = new Deflater(Deflater.BEST_SPEED);
        this.out = new DeflaterOutputStream(buffered, deflater, 64 * 1024, true);
    }

    /**
     * Creates the file, readable and writable by its owner only, and writes the magic and the
     * header. Refuses a file that already exists ({@link java.nio.file.FileAlreadyExistsException}),
     * and a header longer than a reader takes ({@link IllegalArgumentException}) before the file exists.
     * A header that cannot be written (a full disk) removes the file again.
     */
    public static RecordingWriter create(Path file, RecordingHeader header) throws IOException {
        byte[] json = headerJson(header);
        FileChannel channel = createOwnerOnly(file);
        try {
            return start(Channels.newOutputStream(channel), () -> {
                channel.force(true);
                forceEntry(file);
            }, json);
        } catch (IOException | RuntimeException e) {
            // the file is ours (created new just now) and holds no recording: no broken file stays under its name
            try {
                Files.deleteIfExists(file);
            } catch (IOException deleting) {
                e.addSuppressed(deleting);
            }
            throw e;
        }
    }

    /** As {@link #start(OutputStream, FileSync, RecordingHeader)}, for a file with nothing to force. */
    static RecordingWriter start(OutputStream file, RecordingHeader header) throws IOException {
        return start(file, () -> { }, header);
    }

    /**
     * Writes the magic and the header to {@code file}, which the writer owns from here on: it is closed also when this
     * fails. {@code sync} forces what reached the file to the disk.
     */
    static RecordingWriter start(OutputStream file, FileSync sync, RecordingHeader header) throws IOException {
        byte[] json;
        try {
            json = headerJson(header);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
        return start(file, sync, json);
    }

    private static RecordingWriter start(OutputStream file, FileSync sync, byte[] json) throws IOException {
        RecordingWriter w = new RecordingWriter(file, sync);
        try {
            byte[] len = new byte[4];
            putInt(len, 0, json.length);
            w.buffered.write(RecordFormat.MAGIC);
            w.out.write(len);
            w.out.write(json);
            w.unflushed = true;
            w.flush();
        } catch (IOException | RuntimeException e) {
            w.failure = e instanceof IOException io ? io : new IOException(e);
            try {
                w.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return w;
    }

    /** The header as the file holds it; one a reader would refuse as over its bound is refused here. */
    private static byte[] headerJson(RecordingHeader header) {
        Objects.requireNonNull(header, "header");
        byte[] json = HeaderJson.write(header).getBytes(StandardCharsets.UTF_8);
        if (json.length > RecordFormat.MAX_HEADER) {
            throw new IllegalArgumentException("the recording's header would take " + json.length
                    + " bytes, over the " + RecordFormat.MAX_HEADER + " a reader takes");
        }
        return json;
    }

    private static FileChannel createOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean posix = Files.getFileAttributeView(file.toAbsolutePath().getParent(), PosixFileAttributeView.class) != null;
        if (!posix) {
            return FileChannel.open(file, options);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        FileChannel channel = FileChannel.open(file, options, mode);
        // the umask can only take bits away; set the mode again so it is exactly 600
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        return channel;
    }

    /** Records bytes one side sent; chunks longer than the format's record bound are split. */
    public void write(Direction direction, long atMicros, byte[] b, int off, int len) throws IOException {
        Objects.requireNonNull(direction, "direction");
        Objects.checkFromIndexSize(off, len, b.length);
        requireTime(atMicros);
        ensureWritable();
        int kind = direction == Direction.FROM_DEVICE ? RecordFormat.KIND_FROM_DEVICE : RecordFormat.KIND_FROM_CONSOLE;
        do {
            int n = Math.min(len, RecordFormat.MAX_PAYLOAD);
            record(kind, atMicros, b, off, n);
            off += n;
            len -= n;
        } while (len > 0);
        if (System.nanoTime() - lastFlushNanos >= RecordFormat.FLUSH_INTERVAL_NANOS) {
            flush();
        }
    }

    /** Writes the end record with the reason the session ended, and flushes. Later writes are refused. */
    public void end(long atMicros, String reason) throws IOException {
        requireTime(atMicros);
        ensureWritable();
        byte[] text = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        record(RecordFormat.KIND_END, atMicros, text, 0, Math.min(text.length, RecordFormat.MAX_PAYLOAD));
        ended = true;
        flush();
    }

    /** Makes everything written so far readable from the file; after a failed write, fails with it. */
    public void flush() throws IOException {
        if (closed) {
            return;
        }
        if (failure != null) {
            throw afterFailure();
        }
        if (!unflushed) {
            return;
        }
        unflushed = false;
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        lastFlushNanos = System.nanoTime();
    }

    /**
     * Finishes the compressed stream, forces the file to the disk and closes it; without {@link #end} the recording
     * reads as incomplete. After a failed write the file is closed as it is. The file is closed and the deflater's memory freed
     * whatever fails.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failed = null;
        try {
            if (failure == null) {
                out.finish();
                buffered.flush();
                sync.force();   // once per recording: the session is over, and its audit entry names this file
            }
        } catch (IOException e) {
            failure = e;
            failed = e;
        } finally {
            deflater.end();
        }
        try {
            file.close();
        } catch (IOException e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Forces the folder's entry of a new file to the disk, which a power cut could otherwise lose with the file's name
     * (POSIX makes only the folder's own sync durable for it). Where a folder cannot be opened to sync (some systems),
     * the file system's own commit is all there is.
     */
    private static void forceEntry(Path file) {
        try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every system opens a folder as a channel; the file's content is forced all the same
        }
    }

    /** Forces what reached a file to the disk: a file channel's {@code force}. */
    @FunctionalInterface
    interface FileSync {
        void force() throws IOException;
    }

    private void record(int kind, long atMicros, byte[] b, int off, int len) throws IOException {
        recordHead[0] = (byte) kind;
        for (int i = 0; i < 8; i++) {
            recordHead[1 + i] = (byte) (atMicros >>> (56 - 8 * i));
        }
        putInt(recordHead, 9, len);
        unflushed = true;
        try {
            out.write(recordHead);
            out.write(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    /** A reader refuses a negative time (a u64 past Long.MAX_VALUE) as damage, so it is never written. */
    private static void requireTime(long atMicros) {
        if (atMicros < 0) {
            throw new IllegalArgumentException("a record's time is microseconds since the start, not " + atMicros);
        }
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IOException("the recording is closed");
        }
        if (failure != null) {
            throw afterFailure();
        }
        if (ended) {
            throw new IOException("the recording has ended");
        }
    }

    private IOException afterFailure() {
        return new IOException("an earlier write failed, so the recording stops there: " + failure.getMessage(), failure);
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }
}
