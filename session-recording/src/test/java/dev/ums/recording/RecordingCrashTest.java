package dev.ums.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.ums.recording.RecordingRoundTripTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer in another process killed with SIGKILL while it writes: everything it had flushed reads back whole, in
 * order, followed by at most some of what it wrote after, and the recording reads as incomplete.
 */
class RecordingCrashTest {

    private static final RecordingHeader HEADER = new RecordingHeader("crash", "d", null, "admin",
            Instant.parse("2026-12-07T00:00:00Z"), false, "direct");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aWriterKilledMidWriteLeavesEverythingItFlushedWhole() throws Exception {
        Path file = dir.resolve("crash.umsrec");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process writer = new ProcessBuilder(java, "-cp", classPath, Writer.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        int flushed = 0;
        StringBuilder otherOutput = new StringBuilder();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            for (String line; flushed < 300 && (line = lines.readLine()) != null; ) {
                if (line.startsWith("flushed ")) {
                    flushed = Integer.parseInt(line.substring("flushed ".length()));
                } else {
                    otherOutput.append(line).append('\n');
                }
            }
        } finally {
            writer.destroyForcibly();                   // SIGKILL: no finally, no shutdown hook, no close
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(flushed).as("chunks the writer reported flushed; it said: %s", otherOutput).isGreaterThanOrEqualTo(300);
        assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        try (RecordingReader r = RecordingReader.open(file)) {
            assertThat(r.header()).isEqualTo(HEADER);
            List<RecordedChunk> chunks = readAll(r);
            assertThat(chunks.size()).isGreaterThanOrEqualTo(flushed);
            for (int i = 0; i < chunks.size(); i++) {
                assertThat(chunks.get(i).atMicros()).isEqualTo(i * 1000L);
                assertThat(chunks.get(i).direction()).isEqualTo(i % 3 == 0 ? Direction.FROM_CONSOLE : Direction.FROM_DEVICE);
                assertThat(chunks.get(i).bytes()).as("chunk %d", i).isEqualTo(Writer.chunk(i));
            }
            assertThat(r.complete()).isFalse();
        }
    }

    /** The process that is killed: writes chunks without end, flushing every tenth and saying so on stdout. */
    static final class Writer {
        public static void main(String[] args) throws IOException {
            RecordingWriter w = RecordingWriter.create(Path.of(args[0]), HEADER);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);   // should the test die before it
            for (int i = 0; System.nanoTime() < deadline; i++) {
                byte[] b = chunk(i);
                w.write(i % 3 == 0 ? Direction.FROM_CONSOLE : Direction.FROM_DEVICE, i * 1000L, b, 0, b.length);
                if (i % 10 == 9) {
                    w.flush();
                    System.out.println("flushed " + (i + 1));
                    System.out.flush();
                }
            }
            w.close();
        }

        static byte[] chunk(int i) {
            return ("chunk " + i + ": " + Integer.toHexString(i * 0x9E3779B1) + " ").repeat(1 + i % 40)
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }
}
