package dev.ums.server.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.time.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention period on a clock the test moves: recordings go once they are older than it, nothing else does. */
class RecordingRetentionTest {
    @TempDir
    Path dir;

    @Test
    void recordingsOlderThanThePeriodAreDeletedAndNothingElse() throws Exception {
        MovableClock clock = MovableClock.now();
        Path old = file("11111111-aaaa.umsrec", clock, Duration.ofDays(91));
        Path recent = file("22222222-bbbb.umsrec", clock, Duration.ofDays(89));
        Path notARecording = file("notes.txt", clock, Duration.ofDays(400));
        Path folder = Files.createDirectory(dir.resolve("33333333.umsrec"));
        Files.setLastModifiedTime(folder, FileTime.from(clock.instant().minus(Duration.ofDays(400))));
        RecordingRetention retention = new RecordingRetention(dir, Duration.ofDays(90), clock);

        assertThat(retention.sweep()).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(notARecording).exists();
        assertThat(folder).isDirectory();

        clock.advance(Duration.ofDays(2));
        assertThat(retention.sweep()).isEqualTo(1);
        assertThat(recent).doesNotExist();
        assertThat(retention.sweep()).isZero();
    }

    @Test
    void aMissingDirectoryIsNothingToDo() {
        RecordingRetention retention = new RecordingRetention(dir.resolve("none"), Duration.ofDays(1),
                MovableClock.now());
        assertThat(retention.sweep()).isZero();
    }

    private Path file(String name, MovableClock clock, Duration age) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "x");
        Files.setLastModifiedTime(p, FileTime.from(clock.instant().minus(age)));
        return p;
    }
}
