package dev.ums.recording;

import dev.ums.recording.RecordingException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;

import static dev.ums.recording.RecordingRoundTripTest.HEADER;
import static dev.ums.recording.RecordingRoundTripTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class RecordingDamageTest {

    private static final String JSON = "{\"sessionId\":\"s\",\"startedAt\":\"2026-01-01T00:00:00Z\"}";

    @TempDir
    Path dir;

    @Test
    void aFileCutAnywhereAfterItsHeaderReadsAsAnIncompletePrefix() throws IOException {
        Path whole = dir.resolve("whole.umsrec");
        try (RecordingWriter w = RecordingWriter.create(whole, HEADER)) {
            for (int i = 0; i < 50; i++) {
                byte[] b = ("frame " + i + " ").repeat(10).getBytes(StandardCharsets.US_ASCII);
                w.write(i % 2 == 0 ? Direction.FROM_DEVICE : Direction.FROM_CONSOLE, i * 1000L, b, 0, b.length);
                w.flush();
            }
            w.end(99_000, "done");
        }
        byte[] all = Files.readAllBytes(whole);
        int headerEnd = headerFlushedLength(whole);
        int lastCount = -1;
        for (int cut = headerEnd; cut < all.length; cut++) {
            Path part = dir.resolve("part.umsrec");
            Files.write(part, Arrays.copyOf(all, cut));
            try (RecordingReader r = RecordingReader.open(part)) {
                List<RecordedChunk> chunks = readAll(r);
                if (r.complete()) {
                    // only the flush marker and the compressed stream's trailer may be missing
                    assertThat(chunks).as("cut at %d", cut).hasSize(50);
                    assertThat(cut).isGreaterThan(all.length - 16);
                }
                assertThat(chunks.size()).as("cut at %d", cut).isGreaterThanOrEqualTo(lastCount).isLessThanOrEqualTo(50);
                lastCount = chunks.size();
                for (int i = 0; i < chunks.size(); i++) {
                    assertThat(new String(chunks.get(i).bytes(), StandardCharsets.US_ASCII)).startsWith("frame " + i + " ");
                }
            }
        }
        assertThat(lastCount).isEqualTo(50);
        try (RecordingReader r = RecordingReader.open(whole)) {
            assertThat(readAll(r)).hasSize(50);
            assertThat(r.complete()).isTrue();
        }
    }

    @Test
    void aFileFlushedButNeverClosedIsReadableUpToTheFlush() throws IOException {
        Path file = dir.resolve("live.umsrec");
        RecordingWriter w = RecordingWriter.create(file, HEADER);
        w.write(Direction.FROM_DEVICE, 5, "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII), 0, 12);
        w.flush();
        Path copy = dir.resolve("copy.umsrec");
        Files.copy(file, copy);
        w.close();
        try (RecordingReader r = RecordingReader.open(copy)) {
            List<RecordedChunk> chunks = readAll(r);
            assertThat(chunks).hasSize(1);
            assertThat(new String(chunks.get(0).bytes(), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            assertThat(r.complete()).isFalse();
        }
    }

    @Test
    void anUnknownRecordKindIsDamagedAtItsOffset() throws IOException {
        Path file = handMade(new byte[] {
                1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 'x',     // a good record of 14 bytes
                9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});        // kind 9
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(r.next()).isPresent();
            long offset = 4 + JSON.length() + 14;
            assertThatThrownBy(r::next).isInstanceOf(RecordingException.class)
                    .asInstanceOf(type(RecordingException.class))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.DAMAGED))
                    .satisfies(e -> assertThat(e.file()).isEqualTo(file))
                    .satisfies(e -> assertThat(e.getMessage()).contains("damaged at byte " + offset).contains("kind 9"));
        }
    }

    @Test
    void aLengthOverOneMebibyteIsDamaged() throws IOException {
        Path file = handMade(new byte[] {
                2, 0, 0, 0, 0, 0, 0, 0, 0,                      // kind 2 at 0 µs
                0, 0x10, 0, 1});                                // length 1 MiB + 1
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThatThrownBy(r::next).asInstanceOf(type(RecordingException.class))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.DAMAGED))
                    .satisfies(e -> assertThat(e.getMessage()).contains("damaged at byte " + (4 + JSON.length())));
        }
    }

    @Test
    void aLengthInAFileCutAfterItAllocatesOnlyWhatArrived() throws IOException {
        Path file = handMade(new byte[] {
                1, 0, 0, 0, 0, 0, 0, 0, 0,                      // kind 1 at 0 µs
                0, 0x10, 0, 0,                                  // length 1 MiB
                'R', 'F', 'B'});                                // and then the file ends
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled())
                .as("the JVM counts each thread's allocations").isTrue();
        try (RecordingReader r = RecordingReader.open(file)) {
            r.next();                                           // the classes it uses are loaded before measuring
        }
        try (RecordingReader r = RecordingReader.open(file)) {
            long before = threads.getCurrentThreadAllocatedBytes();
            Optional<RecordedChunk> chunk = r.next();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(chunk).isEmpty();
            assertThat(r.complete()).isFalse();
            assertThat(allocated).as("bytes allocated for a record of 3 bytes that claims 1 MiB").isLessThan(256 * 1024);
        }
    }

    @Test
    void aTimePastTheFormatsRangeIsDamagedAtItsOffset() throws IOException {
        Path file = handMade(new byte[] {
                1, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0,            // kind 1 at 2^63 µs, a negative long
                0, 0, 0, 1, 'x'});
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThatThrownBy(r::next).asInstanceOf(type(RecordingException.class))
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.DAMAGED))
                    .satisfies(e -> assertThat(e.getMessage()).contains("damaged at byte " + (4 + JSON.length()))
                            .contains("record time 9223372036854775808 µs"));
        }
    }

    @Test
    void garbageInTheCompressedStreamIsDamagedWithAnOffset() throws IOException {
        Path good = dir.resolve("good.umsrec");
        try (RecordingWriter w = RecordingWriter.create(good, HEADER)) {
            w.flush();
            byte[] b = new byte[4000];
            w.write(Direction.FROM_DEVICE, 1, b, 0, b.length);
        }
        byte[] all = Files.readAllBytes(good);
        int headerEnd = headerFlushedLength(good);
        for (int i = headerEnd; i < all.length - 4; i++) {
            all[i] = (byte) 0xFF;                        // stored/huffman garbage: an invalid block type
        }
        Path bad = dir.resolve("bad.umsrec");
        Files.write(bad, all);
        // the inflater may notice the garbage while it still inflates the bytes before it: at open or at next()
        assertThatThrownBy(() -> {
            try (RecordingReader r = RecordingReader.open(bad)) {
                readAll(r);
            }
        }).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.DAMAGED))
                .satisfies(e -> assertThat(e.getMessage()).containsPattern("damaged at byte \\d+: the compressed stream is broken"));
    }

    @Test
    void garbageRightAfterTheMagicIsDamaged() throws IOException {
        Path file = dir.resolve("g.umsrec");
        byte[] b = new byte[100];
        Arrays.fill(b, (byte) 0x5A);
        System.arraycopy("UMSREC1\n".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8);
        Files.write(file, b);
        assertThatThrownBy(() -> RecordingReader.open(file)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.DAMAGED))
                .satisfies(e -> assertThat(e.getMessage()).contains("damaged at byte 0"));
    }

    @Test
    void aFileWithAnotherMagicIsNotARecording() throws IOException {
        Path png = dir.resolve("frame.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        assertThatThrownBy(() -> RecordingReader.open(png)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_RECORDING))
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("The file " + png + " is not a session recording."));
        Path empty = dir.resolve("empty.umsrec");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> RecordingReader.open(empty)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_RECORDING));
    }

    @Test
    void aLaterFormatVersionIsUnsupported() throws IOException {
        Path file = dir.resolve("v2.umsrec");
        Files.write(file, "UMSREC2\nxxxx".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> RecordingReader.open(file)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_VERSION))
                .satisfies(e -> assertThat(e.getMessage()).contains("version 2"));
    }

    @Test
    void aVersionThatIsNoDigitIsNotARecordingAndStaysOutOfTheSentence() throws IOException {
        for (char version : new char[] {'\r', '\u001b', 'x', '\u0085'}) {
            Path file = dir.resolve("odd.umsrec");
            byte[] magic = "UMSREC?\nxxxx".getBytes(StandardCharsets.ISO_8859_1);
            magic[6] = (byte) version;
            Files.write(file, magic);
            assertThatThrownBy(() -> RecordingReader.open(file)).asInstanceOf(type(RecordingException.class))
                    .satisfies(e -> assertThat(e.kind()).as("version byte %d", (int) version).isEqualTo(Kind.NOT_A_RECORDING))
                    .satisfies(e -> assertThat(e.getMessage()).isEqualTo("The file " + file + " is not a session recording."));
        }
    }

    @Test
    void aMissingFileIsMissing() {
        Path file = dir.resolve("nothing.umsrec");
        assertThatThrownBy(() -> RecordingReader.open(file)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MISSING))
                .satisfies(e -> assertThat(e.file()).isEqualTo(file))
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("There is no recording at " + file + "."));
    }

    @Test
    void aDirectoryIsUnreadableNotDamaged() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.umsrec"));
        assertThatThrownBy(() -> RecordingReader.open(folder)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE))
                .satisfies(e -> assertThat(e.file()).isEqualTo(folder))
                .satisfies(e -> assertThat(e.getMessage())
                        .isEqualTo("The recording " + folder + " cannot be read: it is a directory."));
    }

    @Test
    void aPathUnderARegularFileIsUnreadableNotDamaged() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path under = file.resolve("s.umsrec");
        assertThatThrownBy(() -> RecordingReader.open(under)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE))
                .satisfies(e -> assertThat(e.getMessage())
                        .isEqualTo("The recording " + under + " cannot be read: not a directory."));
    }

    @Test
    void aMissingFileIsMissingNotDamaged() {
        Path file = dir.resolve("gone/s.umsrec");
        assertThatThrownBy(() -> RecordingReader.open(file)).asInstanceOf(type(RecordingException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.MISSING))
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("There is no recording at " + file + "."));
    }

    /** Root reads a file of mode 000 all the same, so what is asserted depends on what the system allows. */
    @Test
    void aFileThisUserMayNotReadIsUnreadableWithPermissionDenied() throws IOException {
        Path file = dir.resolve("closed.umsrec");
        RecordingWriter.create(file, HEADER).close();
        Files.setPosixFilePermissions(file, Set.of());
        try {
            if (Files.isReadable(file)) {
                try (RecordingReader r = RecordingReader.open(file)) {
                    assertThat(r.header()).isEqualTo(HEADER);
                }
            } else {
                assertThatThrownBy(() -> RecordingReader.open(file)).asInstanceOf(type(RecordingException.class))
                        .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.UNREADABLE))
                        .satisfies(e -> assertThat(e.getMessage())
                                .isEqualTo("The recording " + file + " cannot be read: permission denied."));
            }
        } finally {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    /** A recording whose compressed content is the header {@link #JSON} followed by the given bytes. */
    private Path handMade(byte[] records) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("UMSREC1\n".getBytes(StandardCharsets.US_ASCII));
        try (DeflaterOutputStream z = new DeflaterOutputStream(file)) {
            z.write(new byte[] {0, 0, 0, (byte) JSON.length()});
            z.write(JSON.getBytes(StandardCharsets.UTF_8));
            z.write(records);
        }
        Path p = dir.resolve("hand.umsrec");
        Files.write(p, file.toByteArray());
        return p;
    }

    /** The length of a file holding only the magic and the flushed header, as the writer makes it. */
    private int headerFlushedLength(Path like) throws IOException {
        Path p = dir.resolve("header-only-" + like.getFileName());
        RecordingWriter w = RecordingWriter.create(p, HEADER);
        int n = (int) Files.size(p);
        w.close();
        return n;
    }
}
