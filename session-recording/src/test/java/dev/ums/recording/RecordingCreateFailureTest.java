package dev.ums.recording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording whose header the file system refuses (a full disk; here a process allowed files of at most 1–2 KiB,
 * whose write past that fails with "File too large") leaves no file under the recording's name.
 */
class RecordingCreateFailureTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aHeaderTheDiskRefusesLeavesNoFile() throws Exception {
        Path file = dir.resolve("full.umsrec");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process creator = new ProcessBuilder("sh", "-c", "ulimit -f 2 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                java, classPath, Creator.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();    // a JVM's notices go to its stderr
        String said = new String(creator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(creator.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(said).as("what the creating process said").startsWith("failed: java.io.IOException: File too large");
        assertThat(file).doesNotExist();
    }

    /** Creates a recording whose header (20,000 random letters as the device's name) compresses to about 12 KiB. */
    static final class Creator {
        public static void main(String[] args) {
            StringBuilder name = new StringBuilder();
            Random r = new Random(1);
            for (int i = 0; i < 20_000; i++) {
                name.append((char) ('a' + r.nextInt(26)));
            }
            RecordingHeader header = new RecordingHeader("full", "d", name.toString(), "admin",
                    Instant.parse("2026-12-07T00:00:00Z"), false, "direct");
            try {
                RecordingWriter.create(Path.of(args[0]), header).close();
                System.out.println("created");
            } catch (IOException | RuntimeException e) {
                System.out.println("failed: " + e);
            }
        }
    }
}
