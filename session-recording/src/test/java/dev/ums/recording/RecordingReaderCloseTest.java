package dev.ums.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Inflater;

import static dev.ums.recording.RecordingRoundTripTest.HEADER;
import static dev.ums.recording.RecordingRoundTripTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reader gives back the inflater's native memory when it is closed, and when an open fails. */
class RecordingReaderCloseTest {

    @TempDir
    Path dir;

    @Test
    void closeEndsTheInflater() throws IOException {
        Path file = recording("s.umsrec");
        EndCountingInflater inflater = new EndCountingInflater();
        RecordingReader r = RecordingReader.open(file, inflater);
        assertThat(readAll(r)).hasSize(1);
        assertThat(inflater.ends).isZero();
        r.close();
        assertThat(inflater.ends).isEqualTo(1);
        r.close();
    }

    @Test
    void closeInTheMiddleEndsTheInflaterAndLaterReadsFailTyped() throws IOException {
        Path file = recording("s.umsrec");
        EndCountingInflater inflater = new EndCountingInflater();
        RecordingReader r = RecordingReader.open(file, inflater);
        r.close();
        assertThat(inflater.ends).isEqualTo(1);
        assertThatThrownBy(r::next).isInstanceOf(RecordingException.class);
    }

    @Test
    void anOpenThatFailsOnTheHeaderEndsTheInflater() throws IOException {
        byte[] whole = Files.readAllBytes(recording("s.umsrec"));
        Path cut = Files.write(dir.resolve("cut.umsrec"), Arrays.copyOf(whole, 10));
        EndCountingInflater inflater = new EndCountingInflater();
        assertThatThrownBy(() -> RecordingReader.open(cut, inflater)).isInstanceOf(RecordingException.class);
        assertThat(inflater.ends).isEqualTo(1);
    }

    @Test
    void anOpenThatFailsOnTheMagicOrTheFileEndsTheInflater() throws IOException {
        Path foreign = Files.writeString(dir.resolve("notes.txt"), "not a recording");
        EndCountingInflater first = new EndCountingInflater();
        assertThatThrownBy(() -> RecordingReader.open(foreign, first)).isInstanceOf(RecordingException.class);
        assertThat(first.ends).isEqualTo(1);

        EndCountingInflater second = new EndCountingInflater();
        assertThatThrownBy(() -> RecordingReader.open(dir.resolve("none.umsrec"), second)).isInstanceOf(RecordingException.class);
        assertThat(second.ends).isEqualTo(1);
    }

    private Path recording(String name) throws IOException {
        Path file = dir.resolve(name);
        try (RecordingWriter w = RecordingWriter.create(file, HEADER)) {
            byte[] b = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
            w.write(Direction.FROM_DEVICE, 1, b, 0, b.length);
            w.end(2, "done");
        }
        return file;
    }

    /** A real inflater that counts the calls of {@link #end()}. */
    private static final class EndCountingInflater extends Inflater {
        int ends;

        @Override
        public void end() {
            ends++;
            super.end();
        }
    }
}
