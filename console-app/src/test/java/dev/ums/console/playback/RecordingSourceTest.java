package dev.ums.console.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ums.console.gui.internal.playback.DamagedRecording;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordingException;
import dev.ums.recording.RecordingHeader;
import dev.ums.recording.RecordingWriter;
import dev.ums.viewer.VncReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file chosen as a recording that is no file at all gets, and how damage past the header reads. */
class RecordingSourceTest {
    @TempDir
    Path dir;

    /** A named pipe nobody writes to: reading it would wait for ever, so it is refused before it is opened. */
    @Test
    void aPipeIsRefusedAtOnceAsNoRecording() throws Exception {
        Path pipe = dir.resolve("pipe.umsrec");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor()).isZero();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> RecordingSource.open(pipe))
                .isInstanceOfSatisfying(RecordingException.class, e -> assertThat(RecordingSource.sentence(e))
                        .isEqualTo(pipe + " is not a session recording.")));
    }

    /** Damage ends the recording where it begins, as a cut would, on every reading; the source says after what. */
    @Test
    void damageEndsTheRecordingWhereItBeginsAndTellsAfterWhichChunk() throws Exception {
        Path whole = dir.resolve("whole.umsrec");
        try (RecordingWriter writer = RecordingWriter.create(whole,
                new RecordingHeader("s-1", "d-1", "kiosk-1", "admin", Instant.now(), false, "server-relay"))) {
            for (int second = 1; second <= 4; second++) {
                writer.write(Direction.FROM_DEVICE, second * 1_000_000L, new byte[1000], 0, 1000);
            }
            writer.end(5_000_000, "closed by the console");
        }
        Path damaged = Files.write(dir.resolve("damaged.umsrec"),
                DamagedRecording.damagedHalfway(Files.readAllBytes(whole)));

        RecordingSource source = RecordingSource.open(damaged);
        assertThat(source.damage()).as("before any reading").isEmpty();
        assertThat(chunkTimes(source)).containsExactly(1_000_000L, 2_000_000L);
        assertThat(source.damage()).hasValueSatisfying(d -> {
            assertThat(d.afterMicros()).isEqualTo(2_000_000L);
            assertThat(d.cause().kind()).isEqualTo(RecordingException.Kind.DAMAGED);
        });
        assertThat(chunkTimes(source)).as("read again").containsExactly(1_000_000L, 2_000_000L);
        assertThat(RecordingSource.open(whole)).satisfies(w -> {
            assertThat(chunkTimes(w)).hasSize(4);
            assertThat(w.damage()).isEmpty();
        });
    }

    private static List<Long> chunkTimes(RecordingSource source) throws Exception {
        List<Long> times = new ArrayList<>();
        try (VncReplay.Reader reader = source.open()) {
            for (VncReplay.Chunk c = reader.next(); c != null; c = reader.next()) {
                times.add(c.atMicros());
            }
        }
        return times;
    }
}
