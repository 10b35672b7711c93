package dev.ums.recording;

import dev.ums.recording.RecordingException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import static dev.ums.recording.RecordingRoundTripTest.HEADER;
import static dev.ums.recording.RecordingRoundTripTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A complete recording is checked against the Adler-32 checksum its compressed stream ends with, and nothing may
 * follow its end: content altered after it was written (a flipped bit that still inflates) is damage, not another
 * session.
 */
class RecordingIntegrityTest {

    private static final int MAGIC = 8;
    private static final int ZLIB_HEADER = 2;
    private static final int ADLER = 4;

    @TempDir
    Path dir;

    @Test
    void aCompleteRecordingWhoseContentNoLongerMatchesItsChecksumIsDamaged() throws IOException {
        // end reasons of every length up to a compressed block and more, so the checksum lies in the same or the next
        // read from the file as the end record (the old reader caught the first only, by chance)
        Random noise = new Random(7);
        for (int reasonLength = 0; reasonLength < 1200; reasonLength += 3) {
            byte[] reason = new byte[reasonLength];
            for (int i = 0; i < reason.length; i++) {
                reason[i] = (byte) ('a' + noise.nextInt(26));
            }
            byte[] file = Files.readAllBytes(completeRecording("typed 1234", new String(reason, StandardCharsets.US_ASCII)));
            byte[] content = inflate(file);
            int at = indexOf(content, "typed 1234".getBytes(StandardCharsets.US_ASCII));
            content[at + 6] = '9';                              // what was typed now reads "typed 9234"

            // the same zlib header and the original checksum around the altered content, compressed anew
            ByteArrayOutputStream altered = new ByteArrayOutputStream();
            altered.write(file, 0, MAGIC + ZLIB_HEADER);
            altered.write(rawDeflate(content));
            altered.write(file, file.length - ADLER, ADLER);
            Path forged = Files.write(dir.resolve("altered.umsrec"), altered.toByteArray());

            try (RecordingReader r = RecordingReader.open(forged)) {
                assertThat(r.next()).hasValueSatisfying(c -> assertThat(c.bytes()).asString(StandardCharsets.US_ASCII)
                        .isEqualTo("typed 9234"));
                assertDamaged(r, "incorrect data check", "an end reason of " + reasonLength + " bytes");
                assertThat(r.complete()).isFalse();
            }
        }
    }

    @Test
    void recordsAfterTheEndRecordAreDamage() throws IOException {
        byte[] file = Files.readAllBytes(completeRecording("shown"));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(inflate(file));
        content.write(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 6});
        content.write("hidden".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream extended = new ByteArrayOutputStream();
        extended.write(file, 0, MAGIC);
        try (DeflaterOutputStream z = new DeflaterOutputStream(extended)) {
            content.writeTo(z);                                 // a whole stream with its own, matching checksum
        }
        Path forged = Files.write(dir.resolve("extended.umsrec"), extended.toByteArray());

        try (RecordingReader r = RecordingReader.open(forged)) {
            assertThat(r.next()).isPresent();
            assertDamaged(r, "there are records after the end record");
            assertThat(r.complete()).isFalse();
        }
    }

    @Test
    void bytesAfterTheCompressedStreamAreDamage() throws IOException {
        byte[] file = Files.readAllBytes(completeRecording("shown"));
        byte[] appended = Arrays.copyOf(file, file.length + 5);
        appended[file.length + 2] = 'x';
        Path forged = Files.write(dir.resolve("appended.umsrec"), appended);

        try (RecordingReader r = RecordingReader.open(forged)) {
            assertThat(r.next()).isPresent();
            assertDamaged(r, "there are bytes after the end of its compressed stream");
        }
    }

    @Test
    void aRecordingCutBetweenItsEndRecordAndItsChecksumIsComplete() throws IOException {
        byte[] file = Files.readAllBytes(completeRecording("shown"));
        Path cut = Files.write(dir.resolve("cut.umsrec"), Arrays.copyOf(file, file.length - ADLER));

        try (RecordingReader r = RecordingReader.open(cut)) {
            assertThat(readAll(r)).hasSize(1);
            assertThat(r.complete()).isTrue();
            assertThat(r.endReason()).isEqualTo("done");
        }
    }

    private static void assertDamaged(RecordingReader r, String what) {
        assertDamaged(r, what, "the recording");
    }

    private static void assertDamaged(RecordingReader r, String what, String which) {
        RecordingException e = catchThrowableOfType(r::next, RecordingException.class);
        assertThat(e).as("a typed failure reading %s", which).isNotNull().hasMessageContaining(what);
        assertThat(e.kind()).isEqualTo(Kind.DAMAGED);
    }

    private Path completeRecording(String typed) throws IOException {
        return completeRecording(typed, "done");
    }

    private Path completeRecording(String typed, String endReason) throws IOException {
        Path file = dir.resolve("whole.umsrec");
        Files.deleteIfExists(file);
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            byte[] b = typed.getBytes(StandardCharsets.US_ASCII);
            w.write(Direction.FROM_CONSOLE, 10, b, 0, b.length);
            w.end(20, endReason);
        }
        return file;
    }

    private static byte[] inflate(byte[] file) throws IOException {
        return new InflaterInputStream(new ByteArrayInputStream(file, MAGIC, file.length - MAGIC)).readAllBytes();
    }

    private static byte[] rawDeflate(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(content);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
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
