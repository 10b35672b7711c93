package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the real {@code ums} process: one {@code error:} line on stderr and a non-zero exit code, whatever
 * the command logged on the way (the console shows warnings), and no usage text.
 */
class CommandLineIT {
    @TempDir
    Path work;
    final UmsProcesses processes = new UmsProcesses();

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void aMissingRecordingIsOneLine() throws Exception {
        Path missing = work.resolve("nothing.umsrec");
        Captures.assertRefused(processes.start("replay", work, Map.of(), "replay", missing.toString(), "--out",
                work.resolve("x.png").toString()), "There is no recording at " + missing + ".");
    }

    @Test
    void aPasswordOptionIsOneLinePointingAtThePasswordFileAndTheLogsDoNotKeepIt() throws Exception {
        Path logs = work.resolve("logs");
        Captures.assertRefused(processes.start("snapshot", logs, Map.of(), "snapshot", "--vnc", "127.0.0.1:1",
                "--out", work.resolve("x.png").toString(), "--password", "hunter2"), 2,
                "Unknown options: '--password', 'hunter2'; did you mean --password-file?");
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain("hunter2");
            }
        }
    }

    @Test
    void aPortOutOfRangeMakesNoDataDirectory() throws Exception {
        Path data = work.resolve("server");
        Captures.assertRefused(processes.start("server", work, Map.of(), "server", "--port", "70000", "--data",
                data.toString()), 2, "Invalid value for option '--port': '70000' is not a port number (0 to 65535)");
        assertThat(data).doesNotExist();
    }
}
