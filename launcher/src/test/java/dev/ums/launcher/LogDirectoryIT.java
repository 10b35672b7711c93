package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code ums} process whose log directory cannot be made (it lies under a regular file, which fails even for
 * root) still runs, and says so in one line: no logback status lines, no stack trace.
 */
class LogDirectoryIT {
    @TempDir
    Path dir;

    @Test
    void aLogDirectoryUnderARegularFileCostsOneWarningLine() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path logs = file.resolve("logs");
        try (UmsProcess ums = UmsProcess.start("ums-version", logs, Map.of(), "--version")) {
            assertThat(ums.awaitExit(Duration.ofSeconds(60))).as("exit code; stderr %s", ums.stderr()).isZero();
            assertThat(ums.stdout()).singleElement().asString().startsWith("ums ");
            assertThat(ums.stderr()).as("stderr").containsExactly("WARN LogConfiguration: cannot keep log files in "
                    + logs + ": not a directory; this run writes no log file");
        }
        assertThat(file).hasContent("x");
    }
}
