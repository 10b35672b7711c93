package dev.ums.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static dev.ums.recording.RecordingRoundTripTest.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording is forced to the disk when its writer closes it, whole: a finished session's recording, which its
 * audit entry names, survives a power cut that follows, not only a killed process.
 */
class RecordingDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void closingForcesTheWholeRecordingToTheDiskOnce() throws IOException {
        for (boolean ended : new boolean[] {true, false}) {
            Path file = dir.resolve("s-" + ended + ".umsrec");
            List<Long> forcedAtSize = new ArrayList<>();
            RecordingWriter w = RecordingWriter.start(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW),
                    () -> forcedAtSize.add(Files.size(file)), HEADER);
            byte[] b = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
            w.write(Direction.FROM_DEVICE, 0, b, 0, b.length);
            w.flush();
            if (ended) {
                w.end(5, "the console closed the session");
            }
            w.close();

            assertThat(forcedAtSize).as("the sizes the file had when it was forced (ended: %s)", ended)
                    .containsExactly(Files.size(file));
            try (RecordingReader r = RecordingReader.open(file)) {
                assertThat(RecordingRoundTripTest.readAll(r)).hasSize(1);
                assertThat(r.complete()).isEqualTo(ended);
            }
        }
    }
}
