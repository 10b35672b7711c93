package dev.ums.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.ums.recording.RecordingRoundTripTest.HEADER;
import static dev.ums.recording.RecordingRoundTripTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A writer whose disk fails mid-write (full, then perhaps freed again): the file is closed, nothing more is
 * written after the failure, and what reached the disk reads as whole chunks up to the failure.
 */
class RecordingWriterFailureTest {

    @TempDir
    Path dir;

    @Test
    void closeAfterAFailedWriteStillClosesTheFile() throws IOException {
        // the old close() lost the file only where finishing the stream overflowed the buffer the failure had left full
        for (int room = 5_000; room < 400_000; room += 997) {
            FullDisk disk = new FullDisk(room, false);
            RecordingWriter w = RecordingWriter.start(disk, HEADER);
            writeUntilItFails(w, new Random(room), 0, new ArrayList<>());
            catchThrowable(w::close);
            assertThat(disk.closed).as("the file is closed, room %d", room).isTrue();
        }
    }

    @Test
    void aFailedWriteLeavesWholeChunksUpToTheFailureEvenWhenTheDiskRecovers() throws IOException {
        for (int room : new int[] {300, 20_000, 70_000, 150_000}) {
            for (int flushEvery : new int[] {0, 7}) {
                FullDisk disk = new FullDisk(room, true);
                RecordingWriter w = RecordingWriter.start(disk, HEADER);
                List<RecordedChunk> written = new ArrayList<>();
                writeUntilItFails(w, new Random(room), flushEvery, written);
                catchThrowable(w::close);
                assertThat(disk.closed).isTrue();

                String what = "room " + room + ", a flush every " + flushEvery + " chunks";
                Path file = Files.write(dir.resolve("full.umsrec"), disk.bytes.toByteArray());
                try (RecordingReader r = RecordingReader.open(file)) {
                    List<RecordedChunk> read = readAll(r);
                    assertThat(r.complete()).isFalse();
                    assertThat(read.size()).as(what).isLessThanOrEqualTo(written.size());
                    for (int i = 0; i < read.size(); i++) {
                        assertThat(read.get(i).atMicros()).as("%s, chunk %d", what, i).isEqualTo(written.get(i).atMicros());
                        assertThat(Arrays.equals(read.get(i).bytes(), written.get(i).bytes())).as("%s, chunk %d", what, i).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void afterAFailedWriteTheWriterRefusesMoreWithThatFailure() throws IOException {
        FullDisk disk = new FullDisk(20_000, true);
        RecordingWriter w = RecordingWriter.start(disk, HEADER);
        IOException failure = writeUntilItFails(w, new Random(3), 7, new ArrayList<>());
        int size = disk.bytes.size();

        assertThatThrownBy(() -> w.write(Direction.FROM_DEVICE, 1, new byte[] {1}, 0, 1))
                .isInstanceOf(IOException.class).hasMessageContaining("an earlier write failed").hasCause(failure);
        assertThatThrownBy(w::flush).isInstanceOf(IOException.class).hasCause(failure);
        assertThatThrownBy(() -> w.end(2, "done")).isInstanceOf(IOException.class).hasCause(failure);
        w.close();
        assertThat(disk.bytes.size()).as("bytes written after the failure").isEqualTo(size);
    }

    @Test
    void aHeaderThatCannotBeWrittenClosesTheFile() {
        FullDisk disk = new FullDisk(3, false);
        assertThatThrownBy(() -> RecordingWriter.start(disk, HEADER)).isInstanceOf(IOException.class);
        assertThat(disk.closed).isTrue();
    }

    /** Writes chunks, half of them noise (which does not compress, so it reaches the disk soon), until the disk refuses them. */
    private static IOException writeUntilItFails(RecordingWriter w, Random r, int flushEvery, List<RecordedChunk> written) {
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[1 + r.nextInt(20_000)];
            if (r.nextBoolean()) {
                r.nextBytes(b);
            } else {
                Arrays.fill(b, (byte) i);
            }
            try {
                w.write(Direction.FROM_DEVICE, i, b, 0, b.length);
                written.add(new RecordedChunk(i, Direction.FROM_DEVICE, b));
                if (flushEvery > 0 && i % flushEvery == 0) {
                    w.flush();
                }
            } catch (IOException e) {
                return e;
            }
        }
        throw new AssertionError("the disk never filled");
    }

    /** A disk with room for so many bytes: a write beyond writes what fits and fails; space may come back after. */
    private static final class FullDisk extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final boolean freedAfterFailure;
        private long room;
        boolean closed;

        FullDisk(long room, boolean freedAfterFailure) {
            this.room = room;
            this.freedAfterFailure = freedAfterFailure;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            int fits = (int) Math.min(len, room);
            bytes.write(b, off, fits);
            room -= fits;
            if (fits < len) {
                if (freedAfterFailure) {
                    room = Long.MAX_VALUE;
                }
                throw new IOException("No space left on device");
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
