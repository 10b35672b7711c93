package dev.ums.console.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ums.recording.RecordingException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file chosen as a recording that is no file at all gets. */
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
}
