package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.gui.ConfigDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code ums console} sends its log files before anything logs: into the settings directory the command line
 * names, written either way picocli accepts, and its help names the files as they are.
 */
class ConsoleCommandTest {
    @TempDir
    Path config;
    private String logDirBefore;

    @BeforeEach
    void forgetTheLogDirectory() {
        logDirBefore = System.clearProperty(ConsoleCommand.LOG_DIR_PROPERTY);
    }

    @AfterEach
    void restoreTheLogDirectory() {
        if (logDirBefore == null) {
            System.clearProperty(ConsoleCommand.LOG_DIR_PROPERTY);
        } else {
            System.setProperty(ConsoleCommand.LOG_DIR_PROPERTY, logDirBefore);
        }
    }

    private static String routed(String... args) {
        ConsoleCommand.routeLogs(args);
        return System.getProperty(ConsoleCommand.LOG_DIR_PROPERTY);
    }

    @Test
    void configWithASpaceRoutesTheLogs() {
        assertThat(routed("console", "--config", config.toString())).isEqualTo(config.toString());
    }

    @Test
    void configWithAnEqualsSignRoutesTheLogs() {
        assertThat(routed("console", "--config=" + config)).isEqualTo(config.toString());
    }

    @Test
    void theLastConfigWinsAsInPicocli() {
        Path other = config.resolve("other");
        assertThat(routed("console", "--config", config.toString(), "--config=" + other)).isEqualTo(other.toString());
    }

    @Test
    void withoutConfigTheLogsGoToTheDefaultSettingsDirectory() {
        assertThat(routed("console")).isEqualTo(ConfigDir.forUser().toAbsolutePath().toString());
        System.clearProperty(ConsoleCommand.LOG_DIR_PROPERTY);
        assertThat(routed()).isEqualTo(ConfigDir.forUser().toAbsolutePath().toString());
    }

    @Test
    void otherCommandsAndAnExplicitLogDirectoryAreLeftAlone() {
        assertThat(routed("replay", "--config=" + config)).isNull();
        System.setProperty(ConsoleCommand.LOG_DIR_PROPERTY, "/var/log/ums");
        assertThat(routed("console", "--config=" + config)).isEqualTo("/var/log/ums");
    }

    @Test
    void helpNamesTheLogFilesAsTheyAreWritten() {
        StringWriter out = new StringWriter();
        Ums.commandLine("console").setOut(new PrintWriter(out, true)).execute("console", "--help");
        assertThat(out.toString()).contains("ums-<date>.<n>.log").doesNotContain("ums.log)");
    }
}
