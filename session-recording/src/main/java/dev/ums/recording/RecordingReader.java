package dev.ums.recording;

import dev.ums.recording.RecordingException.Kind;
import dev.ums.recording.internal.CountingInputStream;
import dev.ums.recording.internal.HeaderJson;
import dev.ums.recording.internal.RecordFormat;
import dev.ums.recording.internal.ZeroTailInputStream;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a recording written by {@link RecordingWriter}: the header, then the chunks in order.
 * A file that ends in the middle of a record (a server killed mid-session) is not an error: the
 * chunks before are returned and {@link #complete()} stays false. Zero bytes that last to the file's
 * end (what a power cut leaves where the last blocks never reached the disk) are read as that end,
 * not inflated into made-up chunks. Broken content is a
 * {@link RecordingException} of kind {@link Kind#DAMAGED} naming the byte offset in the
 * uncompressed stream; a file the system does not let us read (a directory, no permission, a
 * disk error) is {@link Kind#UNREADABLE}, whatever its content. A complete recording is read on
 * past its end record to the compressed stream's end, whose checksum must match everything
 * inflated and after which nothing may follow.
 *
 * <p>One thread at a time.
 */
public final class RecordingReader implements Closeable {

    private final Path file;
    /** Ours to end: an inflater handed to an InflaterInputStream is not ended by its close(), and holds native memory. */
    private final Inflater inflater;
    /** The file's bytes, its zero tail held back (a power cut's); the inflater reads them after the magic. */
    private final ZeroTailInputStream source;
    /** The file's bytes after the magic, which the inflater reads; what the compressed stream leaves unread is here. */
    private final InputStream raw;
    private final CountingInputStream in;
    private final RecordingHeader header;
    private final byte[] recordHead = new byte[13];
    private boolean finished;
    private boolean complete;
    private String endReason;

    private RecordingReader(Path file, Inflater inflater, ZeroTailInputStream source, InputStream raw,
                            CountingInputStream in, RecordingHeader header) {
        this.file = file;
        this.inflater = inflater;
        this.source = source;
        this.raw = raw;
        this.in = in;
        this.header = header;
    }

    /** Opens a recording and reads its magic and header. */
    public static RecordingReader open(Path file) throws RecordingException {
        return open(file, new Inflater());
    }

    /** Opens a recording inflating with the given inflater, which the reader ends on close or on a failed open. */
    static RecordingReader open(Path file, Inflater inflater) throws RecordingException {
        ZeroTailInputStream source;
        try {
            source = ZeroTailInputStream.open(file);
        } catch (NoSuchFileException e) {
            inflater.end();
            throw new RecordingException(Kind.MISSING, file, "There is no recording at " + file + ".", e);
        } catch (IOException e) {
            inflater.end();
            throw unreadable(file, e);
        }
        InputStream raw = new BufferedInputStream(source, 64 * 1024);
        try {
            checkMagic(file, raw);
            CountingInputStream in = new CountingInputStream(new InflaterInputStream(raw, inflater));
            return new RecordingReader(file, inflater, source, raw, in, readHeader(file, in));
        } catch (RecordingException e) {
            closeQuietly(raw, inflater);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw, inflater);
            throw unreadable(file, e);
        }
    }

    public RecordingHeader header() {
        return header;
    }

    /** The next chunk; empty at the end record, at the end of the stream, or where a truncated tail begins. */
    public Optional<RecordedChunk> next() throws RecordingException {
        if (finished) {
            return Optional.empty();
        }
        long at = in.count();
        try {
            int first = in.read();
            if (first < 0) {
                finished = true;
                return Optional.empty();
            }
            recordHead[0] = (byte) first;
            readFully(recordHead, 1, recordHead.length - 1);
            int kind = first & 0xFF;
            long micros = getLong(recordHead, 1);
            int len = getInt(recordHead, 9);
            if (kind != RecordFormat.KIND_FROM_DEVICE && kind != RecordFormat.KIND_FROM_CONSOLE
                    && kind != RecordFormat.KIND_END) {
                throw damaged(at, "unknown record kind " + kind, null);
            }
            if (len < 0 || len > RecordFormat.MAX_PAYLOAD) {
                throw damaged(at, "record length " + Integer.toUnsignedString(len) + " is over the 1 MiB bound", null);
            }
            if (micros < 0) {
                throw damaged(at, "record time " + Long.toUnsignedString(micros) + " µs is past the format's range", null);
            }
            // grows with the bytes that arrive: a length alone, in a file cut or forged after it, allocates nothing
            byte[] payload = in.readNBytes(len);
            if (payload.length < len) {
                finished = true;
                return Optional.empty();
            }
            if (kind == RecordFormat.KIND_END) {
                finished = true;
                requireNothingAfterTheEnd();
                complete = true;
                endReason = new String(payload, StandardCharsets.UTF_8);
                return Optional.empty();
            }
            Direction d = kind == RecordFormat.KIND_FROM_DEVICE ? Direction.FROM_DEVICE : Direction.FROM_CONSOLE;
            return Optional.of(new RecordedChunk(micros, d, payload));
        } catch (EOFException truncatedTail) {
            finished = true;
            return Optional.empty();
        } catch (ZipException e) {
            finished = true;
            throw damaged(in.count(), "the compressed stream is broken (" + e.getMessage() + ")", e);
        } catch (RecordingException e) {
            finished = true;
            throw e;
        } catch (IOException e) {
            finished = true;
            throw unreadable(file, e);
        }
    }

    /**
     * The most zero bytes a whole compressed stream can end with: after the end record come the final block's
     * {@code 03 00} and the four bytes of the checksum, so a run of zeros at the end is at most the {@code 00} and the
     * checksum. A longer run is a power cut's, over the stream's last bytes: the recording was cut after its end.
     */
    private static final int LONGEST_ZEROS_OF_A_STREAMS_END = 5;

    /**
     * Reads on past the end record to the end of the compressed stream, which makes the inflater compare the stream's
     * Adler-32 checksum with everything inflated, so a complete recording whose content was altered (a flipped bit
     * that still inflates) is damage, not a different session. A stream cut after the end record (the writer killed
     * before it closed the file) has no checksum left to compare and reads as complete. Records after the end, or
     * bytes after the compressed stream, are damage.
     */
    private void requireNothingAfterTheEnd() throws IOException {
        long at = in.count();
        int more;
        try {
            more = in.read();      // a checksum that does not match is a ZipException, "incorrect data check"
        } catch (EOFException cutAfterTheEnd) {
            if (source.heldBack() == 0 || source.heldBack() > LONGEST_ZEROS_OF_A_STREAMS_END) {
                return;
            }
            // a checksum may end in zero bytes, which were held back as if a power cut had left them: read them too
            source.release();
            try {
                more = in.read();
            } catch (EOFException stillCut) {
                return;
            }
        }
        if (more >= 0) {
            throw damaged(at, "there are records after the end record", null);
        }
        if (inflater.getRemaining() > 0 || raw.read() >= 0) {
            throw damaged(in.count(), "there are bytes after the end of its compressed stream", null);
        }
    }

    /** True once the end record was read: the session's end was recorded. */
    public boolean complete() {
        return complete;
    }

    /** Why the session ended, as the end record says; null unless {@link #complete()}. */
    public String endReason() {
        return endReason;
    }

    /** Closes the file and frees the inflater's native memory at once rather than at some later collection. */
    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            inflater.end();
        }
    }

    private RecordingException damaged(long offset, String what, Throwable cause) {
        return new RecordingException(Kind.DAMAGED, file,
                "The recording " + file + " is damaged at byte " + offset + ": " + what + ".", cause);
    }

    /**
     * A failure to read the file rather than broken content: the content's failures (the inflater's, an early end)
     * are turned into {@link Kind#DAMAGED} where they happen, so any other IOException comes from the file system.
     */
    private static RecordingException unreadable(Path file, IOException e) {
        return new RecordingException(Kind.UNREADABLE, file,
                "The recording " + file + " cannot be read: " + reason(file, e) + ".", e);
    }

    private static String reason(Path file, IOException e) {
        if (Files.isDirectory(file)) {
            return "it is a directory";      // Linux opens a directory and fails its first read, with no type to tell
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new EOFException();
            }
            off += n;
            len -= n;
        }
    }

    private static void checkMagic(Path file, InputStream raw) throws IOException {
        byte[] magic = raw.readNBytes(RecordFormat.MAGIC.length);
        if (Arrays.equals(magic, RecordFormat.MAGIC)) {
            return;
        }
        int prefix = RecordFormat.MAGIC_PREFIX.length;
        // the version is a digit: any other byte there would be the file's own text in the user's sentence
        boolean otherVersion = magic.length == RecordFormat.MAGIC.length
                && Arrays.equals(magic, 0, prefix, RecordFormat.MAGIC_PREFIX, 0, prefix)
                && magic[prefix] >= '0' && magic[prefix] <= '9'
                && magic[magic.length - 1] == '\n';
        if (otherVersion) {
            String version = new String(magic, prefix, magic.length - prefix - 1, StandardCharsets.US_ASCII);
            throw new RecordingException(Kind.UNSUPPORTED_VERSION, file,
                    "The recording " + file + " is of format version " + version + ", which this version does not read.");
        }
        throw new RecordingException(Kind.NOT_A_RECORDING, file, "The file " + file + " is not a session recording.");
    }

    private static RecordingHeader readHeader(Path file, CountingInputStream in) throws IOException {
        try {
            byte[] len = in.readNBytes(4);
            if (len.length < 4) {
                throw new RecordingException(Kind.DAMAGED, file,
                        "The recording " + file + " is damaged at byte " + in.count() + ": it ends before its header.");
            }
            int n = getInt(len, 0);
            if (n < 0 || n > RecordFormat.MAX_HEADER) {
                throw new RecordingException(Kind.DAMAGED, file,
                        "The recording " + file + " is damaged at byte 0: header length " + Integer.toUnsignedString(n) + " is over the bound.");
            }
            byte[] json = in.readNBytes(n);
            if (json.length < n) {
                throw new RecordingException(Kind.DAMAGED, file,
                        "The recording " + file + " is damaged at byte " + in.count() + ": it ends inside its header.");
            }
            return HeaderJson.read(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new RecordingException(Kind.DAMAGED, file,
                    "The recording " + file + " is damaged at byte 4: " + e.getMessage() + ".", e);
        } catch (EOFException e) {
            throw new RecordingException(Kind.DAMAGED, file,
                    "The recording " + file + " is damaged at byte " + in.count() + ": it ends inside its header.", e);
        } catch (ZipException e) {
            throw new RecordingException(Kind.DAMAGED, file,
                    "The recording " + file + " is damaged at byte " + in.count() + ": the compressed stream is broken (" + e.getMessage() + ").", e);
        }
    }

    private static int getInt(byte[] a, int at) {
        return ((a[at] & 0xFF) << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }

    private static long getLong(byte[] a, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (a[at + i] & 0xFF);
        }
        return v;
    }

    private static void closeQuietly(InputStream s, Inflater inflater) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the open already failed; that failure is the one to report
        } finally {
            inflater.end();
        }
    }
}
