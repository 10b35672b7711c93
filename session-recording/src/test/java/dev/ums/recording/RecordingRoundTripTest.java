package dev.ums.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingRoundTripTest {

    static final RecordingHeader HEADER = new RecordingHeader("s-1", "d-7", "Kasse \"3\"", "admin",
            Instant.parse("2026-12-05T19:00:00.123456Z"), true, "server-relay");

    @TempDir
    Path dir;

    @Test
    void chunksComeBackInOrderWithTheirTimesAndTheEndReason() throws IOException {
        Path file = dir.resolve("s-1.umsrec");
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            w.write(Direction.FROM_DEVICE, 0, "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII), 0, 12);
            w.write(Direction.FROM_CONSOLE, 1_500, "xxRFB 003.008\nyy".getBytes(StandardCharsets.US_ASCII), 2, 12);
            w.write(Direction.FROM_DEVICE, 4_000_000_000L, new byte[] {1, 2, 3}, 0, 3);
            w.end(4_000_000_001L, "the console closed the session");
        }

        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(r.header()).isEqualTo(HEADER);
            List<RecordedChunk> chunks = readAll(r);
            assertThat(chunks).hasSize(3);
            assertThat(chunks.get(0).direction()).isEqualTo(Direction.FROM_DEVICE);
            assertThat(chunks.get(0).atMicros()).isZero();
            assertThat(new String(chunks.get(0).bytes(), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            assertThat(chunks.get(1).direction()).isEqualTo(Direction.FROM_CONSOLE);
            assertThat(chunks.get(1).atMicros()).isEqualTo(1_500);
            assertThat(new String(chunks.get(1).bytes(), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            assertThat(chunks.get(2).atMicros()).isEqualTo(4_000_000_000L);
            assertThat(chunks.get(2).bytes()).containsExactly(1, 2, 3);
            assertThat(r.complete()).isTrue();
            assertThat(r.endReason()).isEqualTo("the console closed the session");
            assertThat(r.next()).isEmpty();
        }
    }

    @Test
    void theFileIsTheMagicThenTheDocumentedRecordsCompressed() throws IOException {
        Path file = dir.resolve("s-1.umsrec");
        RecordingHeader h = new RecordingHeader("s", "d", null, "u", Instant.parse("2026-01-01T00:00:00Z"), false, "r");
        try (RecordingWriter w = RecordingWriter.create(file, h)) {
            w.write(Direction.FROM_DEVICE, 258, new byte[] {(byte) 0xAB, (byte) 0xCD}, 0, 2);
            w.write(Direction.FROM_CONSOLE, 1, new byte[] {0x05}, 0, 1);
            w.end(2, "ok");
        }
        byte[] all = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(all, 8)).isEqualTo("UMSREC1\n".getBytes(StandardCharsets.US_ASCII));

        String json = "{\"sessionId\":\"s\",\"deviceId\":\"d\",\"deviceName\":null,\"user\":\"u\","
                + "\"startedAt\":\"2026-01-01T00:00:00Z\",\"viewOnly\":false,\"route\":\"r\"}";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {0, 0, 0, (byte) json.length()});                 // u32 header length
        expected.write(json.getBytes(StandardCharsets.UTF_8));                       // header JSON
        expected.write(new byte[] {
                1,                                                                   // kind 1: from the device
                0, 0, 0, 0, 0, 0, 1, 2,                                              // u64 micros = 258
                0, 0, 0, 2,                                                          // u32 length = 2
                (byte) 0xAB, (byte) 0xCD,                                            // payload
                2,                                                                   // kind 2: from the console
                0, 0, 0, 0, 0, 0, 0, 1,                                              // u64 micros = 1
                0, 0, 0, 1,                                                          // u32 length = 1
                0x05,                                                                // payload
                3,                                                                   // kind 3: end
                0, 0, 0, 0, 0, 0, 0, 2,                                              // u64 micros = 2
                0, 0, 0, 2,                                                          // u32 length = 2
                'o', 'k'});                                                          // reason
        byte[] inflated = new InflaterInputStream(new java.io.ByteArrayInputStream(all, 8, all.length - 8)).readAllBytes();
        assertThat(inflated).isEqualTo(expected.toByteArray());
    }

    @Test
    void chunksOverTheRecordBoundAreSplitAndReadBackWhole() throws IOException {
        Path file = dir.resolve("big.umsrec");
        byte[] big = new byte[(5 << 20) / 2];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 9));
        }
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            w.write(Direction.FROM_DEVICE, 7, big, 0, big.length);
            w.end(8, "done");
        }
        try (RecordingReader r = RecordingReader.open(file)) {
            List<RecordedChunk> chunks = readAll(r);
            assertThat(chunks).hasSize(3).allSatisfy(c -> assertThat(c.atMicros()).isEqualTo(7));
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (RecordedChunk c : chunks) {
                joined.write(c.bytes());
            }
            assertThat(joined.toByteArray()).isEqualTo(big);
        }
    }

    @Test
    void flushingWithNothingNewAddsNoBytes() throws IOException {
        Path file = dir.resolve("idle.umsrec");
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            w.write(Direction.FROM_DEVICE, 1, new byte[] {1, 2, 3}, 0, 3);
            w.flush();
            long size = Files.size(file);
            for (int i = 0; i < 60; i++) {
                w.flush();
            }
            assertThat(Files.size(file)).isEqualTo(size);
        }
    }

    @Test
    void theFileIsCreatedOwnerOnly() throws IOException {
        Path file = dir.resolve("s-1.umsrec");
        RecordingWriter.create(file, HEADER).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anExistingFileIsRefusedAndLeftAsItWas() throws IOException {
        Path file = dir.resolve("s-1.umsrec");
        Files.writeString(file, "someone else's");
        assertThatThrownBy(() -> RecordingWriter.create(file, HEADER)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("someone else's");
    }

    @Test
    void aHeaderLongerThanAReaderTakesIsRefusedBeforeTheFileExists() throws IOException {
        Path file = dir.resolve("s-1.umsrec");
        RecordingHeader tooLong = new RecordingHeader("s-1", "d-7", "x".repeat(70_000), "admin",
                HEADER.startedAt(), false, "direct");
        assertThatThrownBy(() -> RecordingWriter.create(file, tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the 65536 a reader takes");
        assertThat(file).doesNotExist();

        // the longest a reader takes is written and read back
        String json = "{\"sessionId\":\"s-1\",\"deviceId\":\"d-7\",\"deviceName\":\"\",\"user\":\"admin\","
                + "\"startedAt\":\"" + HEADER.startedAt() + "\",\"viewOnly\":false,\"route\":\"direct\"}";
        RecordingHeader longest = new RecordingHeader("s-1", "d-7", "x".repeat(65_536 - json.length()), "admin",
                HEADER.startedAt(), false, "direct");
        RecordingWriter.create(file, longest).close();
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(r.header()).isEqualTo(longest);
        }
    }

    @Test
    void aRecordingClosedWithoutAnEndReadsAsIncomplete() throws IOException {
        Path file = dir.resolve("s-1.umsrec");
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            w.write(Direction.FROM_DEVICE, 1, new byte[] {9}, 0, 1);
        }
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(readAll(r)).hasSize(1);
            assertThat(r.complete()).isFalse();
            assertThat(r.endReason()).isNull();
        }
    }

    @Test
    void aNegativeTimeIsRefusedAndTheRecordingGoesOn() throws IOException {
        Path file = dir.resolve("s-1.umsrec");
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            assertThatThrownBy(() -> w.write(Direction.FROM_DEVICE, -1, new byte[] {1}, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.end(Long.MIN_VALUE, "x")).isInstanceOf(IllegalArgumentException.class);
            w.write(Direction.FROM_DEVICE, 0, new byte[] {2}, 0, 1);
            w.end(1, "done");
        }
        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(readAll(r)).singleElement().satisfies(c -> assertThat(c.bytes()).containsExactly(2));
            assertThat(r.complete()).isTrue();
        }
    }

    static List<RecordedChunk> readAll(RecordingReader r) throws RecordingException {
        List<RecordedChunk> out = new ArrayList<>();
        for (Optional<RecordedChunk> c = r.next(); c.isPresent(); c = r.next()) {
            out.add(c.get());
        }
        return out;
    }
}
