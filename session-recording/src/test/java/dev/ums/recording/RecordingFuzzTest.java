package dev.ums.recording;

import dev.ums.recording.RecordingException.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.InflaterInputStream;

import static dev.ums.recording.RecordingRoundTripTest.HEADER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Seeded mutations of real recordings from {@link RecordingWriter}, each read to its end: the reader returns
 * chunks and then its end, or a {@link RecordingException} of a content kind; nothing unchecked, no hang, and no
 * allocation beyond a fixed amount plus a small multiple of the bytes the file really inflates to (a length field
 * alone must not make it allocate). A file only cut short reads as a prefix of the original's chunks.
 *
 * <p>{@code -Drecording.fuzz.seed=S -Drecording.fuzz.cases=N} reruns a failure or runs longer; a failure names its
 * seed and case.
 */
class RecordingFuzzTest {

    private static final long SEED = Long.getLong("recording.fuzz.seed", 20261207L);
    private static final int CASES = Integer.getInteger("recording.fuzz.cases", 1500);
    /** The reader's buffers (64 KiB file buffer, the inflater's) and the exceptions' stack traces. */
    private static final long FIXED_ALLOCATION = 512 * 1024;

    @TempDir
    static Path dir;

    private static final List<Original> originals = new ArrayList<>();

    @BeforeAll
    static void writeOriginals() throws IOException {
        originals.add(original("talk.umsrec", new Random(1), 120, 0, 300, true, true));
        originals.add(original("noise.umsrec", new Random(2), 12, 0, 20_000, true, false));
        originals.add(original("long.umsrec", new Random(3), 2, (1 << 20) + 1, (1 << 20) + 50_000, false, true));   // split
    }

    @Test
    void mutatedRecordingsReadAsChunksOrTypedDamageWithinBoundedMemory() {
        com.sun.management.ThreadMXBean threads = allocationCounter();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (Original o : originals) {
                check(read(o.path), o.path, "the original " + o.path.getFileName());   // loads the classes before measuring
            }
            Random random = new Random(SEED);
            for (int n = 0; n < CASES; n++) {
                long caseSeed = random.nextLong();
                Random r = new Random(caseSeed);
                Original original = originals.get(r.nextInt(10) == 0 ? 2 : r.nextInt(2));
                Mutant mutant = mutate(original, r);
                String what = "seed " + SEED + " case " + n + " (" + mutant.how + " of " + original.path.getFileName() + ")";
                Path file = Files.write(dir.resolve("mutant.umsrec"), mutant.bytes);
                long before = threads.getCurrentThreadAllocatedBytes();
                Outcome outcome = read(file);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                long inflated = inflatedLength(mutant.bytes);
                assertThat(allocated).as("bytes allocated reading %d inflated bytes, %s", inflated, what)
                        .isLessThanOrEqualTo(FIXED_ALLOCATION + 4 * inflated);
                check(outcome, file, what);
                if (mutant.onlyCut && mutant.bytes.length >= original.headerLength) {
                    assertThat(outcome.failure).as("a cut file, %s", what).isNull();
                }
                if (mutant.onlyCut) {
                    assertPrefix(outcome.chunks, original.chunks, what);
                }
            }
        });
    }

    /** Reads the whole file, keeping what came and how it ended; no assertions here, so that only reading allocates. */
    private static Outcome read(Path file) {
        List<RecordedChunk> chunks = new ArrayList<>();
        RecordingException failure = null;
        Throwable unexpected = null;
        boolean nextAfterEnd = false;
        String endReason = null;
        try (RecordingReader r = RecordingReader.open(file)) {
            try {
                for (Optional<RecordedChunk> c = r.next(); c.isPresent(); c = r.next()) {
                    chunks.add(c.get());
                }
                endReason = r.complete() ? r.endReason() : "";
            } catch (RecordingException e) {
                failure = e;
            }
            nextAfterEnd = r.next().isPresent();
        } catch (RecordingException e) {
            failure = e;
        } catch (IOException | RuntimeException | Error e) {
            unexpected = e;
        }
        return new Outcome(chunks, failure, unexpected, nextAfterEnd, endReason);
    }

    private static void check(Outcome o, Path file, String what) {
        if (o.unexpected != null) {
            throw new AssertionError("not a RecordingException: " + o.unexpected + ", " + what, o.unexpected);
        }
        for (RecordedChunk chunk : o.chunks) {
            assertThat(chunk.bytes().length).as(what).isLessThanOrEqualTo(1 << 20);
            assertThat(chunk.direction()).as(what).isNotNull();
            assertThat(chunk.atMicros()).as(what).isNotNegative();
        }
        assertThat(o.nextAfterEnd).as("a chunk from next() after the end or a failure, %s", what).isFalse();
        if (o.failure != null) {
            assertThat(o.failure.kind()).as("%s: %s", what, o.failure.getMessage())
                    .isIn(Kind.DAMAGED, Kind.NOT_A_RECORDING, Kind.UNSUPPORTED_VERSION);
            assertThat(o.failure.getMessage()).as(what).contains(file.toString());
        } else {
            assertThat(o.endReason).as(what).isNotNull();
        }
    }

    private static void assertPrefix(List<RecordedChunk> read, List<RecordedChunk> written, String what) {
        assertThat(read.size()).as(what).isLessThanOrEqualTo(written.size());
        for (int i = 0; i < read.size(); i++) {
            RecordedChunk a = read.get(i);
            RecordedChunk b = written.get(i);
            assertThat(a.direction()).as("chunk %d, %s", i, what).isEqualTo(b.direction());
            assertThat(a.atMicros()).as("chunk %d, %s", i, what).isEqualTo(b.atMicros());
            assertThat(Arrays.equals(a.bytes(), b.bytes())).as("the bytes of chunk %d, %s", i, what).isTrue();
        }
    }

    private static Mutant mutate(Original o, Random r) throws IOException {
        return switch (r.nextInt(6)) {
            case 0 -> new Mutant(Arrays.copyOf(o.file, r.nextInt(o.file.length + 1)), "a cut", true);
            case 1 -> new Mutant(flipBits(o.file, r), "bit flips", false);
            case 2 -> new Mutant(splice(o.file, r), "a splice", false);
            default -> contentMutant(o, r);
        };
    }

    /** Mutates the uncompressed stream, where the lengths, kinds and times are, and compresses it again. */
    private static Mutant contentMutant(Original o, Random r) throws IOException {
        byte[] content = o.content.clone();
        String how;
        switch (r.nextInt(4)) {
            case 0 -> {
                int at = r.nextInt(content.length - 3);
                int[] lies = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20, (1 << 20) + 1, 0, 65_536, 65_537};
                putInt(content, at, lies[r.nextInt(lies.length)]);
                how = "a lying int at " + at;
            }
            case 1 -> {
                int record = o.recordOffsets.get(r.nextInt(o.recordOffsets.size()));
                int field = r.nextInt(3);
                if (field == 0) {
                    content[record] = (byte) r.nextInt(256);
                } else if (field == 1) {
                    for (int i = 1; i < 9; i++) {
                        content[record + i] = (byte) (r.nextBoolean() ? 0xFF : r.nextInt(256));
                    }
                } else {
                    putInt(content, record + 9, r.nextBoolean() ? (1 << 20) - r.nextInt(4) : r.nextInt());
                }
                how = "field " + field + " of the record at " + record;
            }
            case 2 -> {
                content = flipBits(content, r);
                how = "bit flips in the content";
            }
            default -> {
                content = splice(content, r);
                how = "a splice in the content";
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(o.file, 0, 8);
        file.write(compress(content, r));
        byte[] bytes = file.toByteArray();
        if (r.nextInt(4) == 0) {
            bytes = Arrays.copyOf(bytes, 8 + r.nextInt(bytes.length - 7));
            how += ", cut";
        }
        return new Mutant(bytes, how, false);
    }

    private static byte[] flipBits(byte[] in, Random r) {
        byte[] out = in.clone();
        for (int i = 1 + r.nextInt(8); i > 0; i--) {
            int at = r.nextInt(out.length);
            out[at] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
    }

    /** Deletes, repeats or inserts random bytes at a random place. */
    private static byte[] splice(byte[] in, Random r) {
        int at = r.nextInt(in.length);
        int len = 1 + r.nextInt(Math.min(64, in.length - at));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, at);
        switch (r.nextInt(3)) {
            case 0 -> out.write(in, at + len, in.length - at - len);
            case 1 -> {
                out.write(in, at, len);
                out.write(in, at, in.length - at);
            }
            default -> {
                byte[] noise = new byte[len];
                r.nextBytes(noise);
                out.write(noise, 0, len);
                out.write(in, at, in.length - at);
            }
        }
        return out.toByteArray();
    }

    private static byte[] compress(byte[] content, Random r) {
        Deflater deflater = new Deflater(r.nextInt(10));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int at = 0;
            while (at < content.length) {
                int n = Math.min(content.length - at, 1 + r.nextInt(4096));
                deflater.setInput(content, at, n);
                at += n;
                int mode = r.nextInt(8) == 0 ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH;
                for (int k; (k = deflater.deflate(buf, 0, buf.length, mode)) > 0 || !deflater.needsInput(); ) {
                    out.write(buf, 0, k);
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** How many bytes the file's compressed stream really gives, read as far as it goes. */
    private static long inflatedLength(byte[] file) {
        if (file.length < 8) {
            return 0;
        }
        long total = 0;
        byte[] buf = new byte[8192];
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(file, 8, file.length - 8))) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        } catch (IOException broken) {
            // as far as it goes
        }
        return total;
    }

    private static Original original(String name, Random r, int chunks, int minChunk, int maxChunk, boolean noise,
                                     boolean ended) throws IOException {
        Path file = dir.resolve(name);
        List<RecordedChunk> written = new ArrayList<>();
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            long micros = 0;
            for (int i = 0; i < chunks; i++) {
                byte[] b = new byte[minChunk + r.nextInt(maxChunk - minChunk + 1)];
                if (noise && r.nextBoolean()) {
                    r.nextBytes(b);
                } else {
                    Arrays.fill(b, (byte) ('a' + i % 26));
                }
                Direction d = r.nextInt(3) == 0 ? Direction.FROM_CONSOLE : Direction.FROM_DEVICE;
                micros += r.nextInt(2_000_000);
                w.write(d, micros, b, 0, b.length);
                for (int off = 0; off == 0 || off < b.length; off += 1 << 20) {      // as the writer splits it
                    written.add(new RecordedChunk(micros, d, Arrays.copyOfRange(b, off, Math.min(b.length, off + (1 << 20)))));
                }
                if (r.nextInt(4) == 0) {
                    w.flush();
                }
            }
            if (ended) {
                w.end(micros + 1, "the console closed the session");
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] content = new InflaterInputStream(new ByteArrayInputStream(bytes, 8, bytes.length - 8)).readAllBytes();
        List<Integer> recordOffsets = new ArrayList<>();
        int at = 4 + getInt(content, 0);
        while (at < content.length) {
            recordOffsets.add(at);
            at += 13 + getInt(content, at + 9);
        }
        Path headerOnly = dir.resolve("header-" + name);
        RecordingWriter.create(headerOnly, HEADER).close();
        int headerLength = (int) Math.min(Files.size(headerOnly), bytes.length);
        return new Original(file, bytes, content, recordOffsets, written, headerLength);
    }

    /** The JVM's count of a thread's allocations; the bound on memory is part of what this test shows. */
    private static com.sun.management.ThreadMXBean allocationCounter() {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled())
                .as("the JVM counts each thread's allocations").isTrue();
        return t;
    }

    private static void putInt(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 24);
        a[at + 1] = (byte) (v >>> 16);
        a[at + 2] = (byte) (v >>> 8);
        a[at + 3] = (byte) v;
    }

    private static int getInt(byte[] a, int at) {
        return ((a[at] & 0xFF) << 24) | ((a[at + 1] & 0xFF) << 16) | ((a[at + 2] & 0xFF) << 8) | (a[at + 3] & 0xFF);
    }

    private record Original(Path path, byte[] file, byte[] content, List<Integer> recordOffsets,
                            List<RecordedChunk> chunks, int headerLength) {
    }

    private record Mutant(byte[] bytes, String how, boolean onlyCut) {
    }

    private record Outcome(List<RecordedChunk> chunks, RecordingException failure, Throwable unexpected,
                           boolean nextAfterEnd, String endReason) {
    }
}
