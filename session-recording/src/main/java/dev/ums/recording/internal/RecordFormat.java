package dev.ums.recording.internal;

import java.nio.charset.StandardCharsets;

/**
 * The constants of the recording file format (docs/RECORDING.md): the magic, the record kinds
 * and the bounds a reader enforces. Any thread.
 */
public final class RecordFormat {

    /** The eight uncompressed bytes every recording starts with; the digit is the format version. */
    public static final byte[] MAGIC = "UMSREC1\n".getBytes(StandardCharsets.US_ASCII);
    /** The part of the magic that does not change with the version. */
    public static final byte[] MAGIC_PREFIX = "UMSREC".getBytes(StandardCharsets.US_ASCII);

    public static final int KIND_FROM_DEVICE = 1;
    public static final int KIND_FROM_CONSOLE = 2;
    public static final int KIND_END = 3;

    /** The largest payload of one record; a writer splits longer chunks. */
    public static final int MAX_PAYLOAD = 1 << 20;
    /** The largest header; a header is a few hundred bytes of JSON. */
    public static final int MAX_HEADER = 64 * 1024;
    /** A writer flushes the compressed stream at least this often while bytes arrive. */
    public static final long FLUSH_INTERVAL_NANOS = 1_000_000_000L;

    private RecordFormat() {
    }
}
