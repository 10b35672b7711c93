package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
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
    void aPasswordOptionIsOneLinePointingAtThePasswordFile() throws Exception {
        Captures.assertRefused(processes.start("snapshot", work, Map.of(), "snapshot", "--vnc", "127.0.0.1:1",
                "--out", work.resolve("x.png").toString(), "--password", "secret"), 2,
                "Unknown options: '--password', 'secret'; did you mean --password-file?");
    }

    @Test
    void aPortOutOfRangeMakesNoDataDirectory() throws Exception {
        Path data = work.resolve("server");
        Captures.assertRefused(processes.start("server", work, Map.of(), "server", "--port", "70000", "--data",
                data.toString()), 2, "Invalid value for option '--port': '70000' is not a port number (0 to 65535)");
        assertThat(data).doesNotExist();
    }
}
