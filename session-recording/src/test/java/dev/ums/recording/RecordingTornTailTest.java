package dev.ums.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import static dev.ums.recording.RecordingRoundTripTest.HEADER;
import static dev.ums.recording.RecordingRoundTripTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A power cut while a recording is written can leave the end of the file as zero bytes: the file system had grown
 * the file, but its last blocks never reached the disk. Such a file reads as cut where the zeros begin: the whole
 * chunks before, each as written, at least all those flushed before the zeros, and no made-up ones.
 */
class RecordingTornTailTest {

    @TempDir
    Path dir;

    @Test
    void aFileWhoseEndIsZerosReadsAsTheChunksBeforeThemAndIncomplete() throws IOException {
        Path file = dir.resolve("live.umsrec");
        List<byte[]> written = new ArrayList<>();
        RecordingWriter w = RecordingWriter.create(file, HEADER);
        long headerEnd = Files.size(file);
        // the file's size after each flush, and how many chunks it held then: a cut past it must keep them all
        List<long[]> flushed = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] b = ("frame " + i + " ").repeat(1 + r.nextInt(30)).getBytes(StandardCharsets.US_ASCII);
            w.write(Direction.FROM_DEVICE, i, b, 0, b.length);
            written.add(b);
            if (i % 20 == 19) {
                w.flush();
                flushed.add(new long[] {Files.size(file), i + 1});
            }
        }
        w.flush();
        byte[] all = Files.readAllBytes(file);
        w.close();

        Path torn = dir.resolve("torn.umsrec");
        for (int cut = (int) headerEnd; cut < all.length; cut++) {
            byte[] zeroed = all.clone();
            Arrays.fill(zeroed, cut, zeroed.length, (byte) 0);
            Files.write(torn, zeroed);
            int at = cut;
            try (RecordingReader reader = RecordingReader.open(torn)) {
                List<RecordedChunk> chunks = readAll(reader);
                assertThat(reader.complete()).isFalse();
                long kept = flushed.stream().filter(f -> f[0] <= at).mapToLong(f -> f[1]).max().orElse(0);
                assertThat((long) chunks.size()).as("zeros from byte %d", at)
                        .isBetween(kept, (long) written.size());
                for (int i = 0; i < chunks.size(); i++) {
                    assertThat(chunks.get(i).bytes()).as("zeros from byte %d, chunk %d", at, i).isEqualTo(written.get(i));
                }
            } catch (RecordingException e) {
                throw new AssertionError("zeros from byte " + at + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void aRunOfZerosLongerThanAPowerCutLeavesIsReadAsItIs() throws IOException {
        // a flushed recording followed by 300 MiB of zeros (a sparse file: nothing on the disk); only the last
        // 256 MiB are held back, so opening it reads at most that much, and the zeros before are data
        Path file = dir.resolve("sparse.umsrec");
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            w.write(Direction.FROM_DEVICE, 0, new byte[] {1, 2, 3}, 0, 3);
            w.flush();
            try (RandomAccessFile grown = new RandomAccessFile(file.toFile(), "rw")) {
                grown.setLength(grown.length() + (300L << 20));
            }
            try (RecordingReader r = RecordingReader.open(file)) {
                RecordingException e = catchThrowableOfType(() -> readAll(r), RecordingException.class);
                assertThat(e).as("a typed failure").isNotNull().hasMessageContaining("invalid stored block lengths");
                assertThat(e.kind()).isEqualTo(RecordingException.Kind.DAMAGED);
            }
        }
    }

    @Test
    void zerosAfterACompleteRecordingLeaveItComplete() throws IOException {
        byte[] whole = Files.readAllBytes(complete("done"));
        Path padded = Files.write(dir.resolve("padded.umsrec"), Arrays.copyOf(whole, whole.length + 4096));
        try (RecordingReader r = RecordingReader.open(padded)) {
            assertThat(readAll(r)).hasSize(1);
            assertThat(r.complete()).isTrue();
        }
    }

    @Test
    void aCompleteRecordingWhoseFinalBytesAPowerCutZeroedReadsAsCompleteAndWhole() throws IOException {
        // the final block and the checksum after the end record (6 bytes) never reached the disk: cut after the end
        byte[] whole = Files.readAllBytes(complete("done"));
        byte[] zeroed = whole.clone();
        Arrays.fill(zeroed, whole.length - 6, whole.length, (byte) 0);
        Path file = Files.write(dir.resolve("final-zeroed.umsrec"), zeroed);
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(readAll(r)).hasSize(1);
            assertThat(r.complete()).isTrue();
            assertThat(r.endReason()).isEqualTo("done");
        }
    }

    @Test
    void aChecksumEndingInZeroBytesIsStillChecked() throws IOException {
        // an end reason whose recording's checksum ends in a zero byte, which looks like a zero tail
        byte[] whole = null;
        for (int i = 0; whole == null || whole[whole.length - 1] != 0; i++) {
            whole = Files.readAllBytes(complete("done " + i));
        }
        Path file = Files.write(dir.resolve("zero-ended.umsrec"), whole);
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(readAll(r)).hasSize(1);
            assertThat(r.complete()).isTrue();
        }

        // the same checksum around content altered under it
        byte[] content = new InflaterInputStream(new java.io.ByteArrayInputStream(whole, 8, whole.length - 8)).readAllBytes();
        int typed = indexOf(content, "typed 1234".getBytes(StandardCharsets.US_ASCII));
        content[typed + 6] = '9';
        ByteArrayOutputStream altered = new ByteArrayOutputStream();
        altered.write(whole, 0, 10);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try (DeflaterOutputStream z = new DeflaterOutputStream(altered, deflater)) {
            z.write(content);
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream forged = new ByteArrayOutputStream();
        forged.write(altered.toByteArray());
        forged.write(whole, whole.length - 4, 4);
        Path alteredFile = Files.write(dir.resolve("altered.umsrec"), forged.toByteArray());
        try (RecordingReader r = RecordingReader.open(alteredFile)) {
            assertThat(r.next()).isPresent();
            RecordingException e = catchThrowableOfType(r::next, RecordingException.class);
            assertThat(e).as("a typed failure").isNotNull().hasMessageContaining("incorrect data check");
            assertThat(r.complete()).isFalse();
        }
    }

    private Path complete(String endReason) throws IOException {
        Path file = dir.resolve("whole.umsrec");
        Files.deleteIfExists(file);
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            byte[] b = "typed 1234".getBytes(StandardCharsets.US_ASCII);
            w.write(Direction.FROM_CONSOLE, 10, b, 0, b.length);
            w.end(20, endReason);
        }
        return file;
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
