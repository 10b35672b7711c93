package dev.ums.agent;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged file in the agent's data directory stops {@link DeviceAgent#start} with one sentence that names the file
 * and says what to do, the sentence {@code ums agent} prints. The server address is never reached: the files are read
 * first. Called by JUnit's test thread.
 */
class DamagedDataDirectoryTest {
    private static final String PIN = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void aDamagedIdentityFileIsNamedWithWhatToDo() throws IOException {
        Path agentDir = Files.createDirectories(dir.resolve("agent"));
        Path identity = agentDir.resolve("identity.properties");
        Files.writeString(identity, "unitId=\\u00zz\n", StandardCharsets.UTF_8);
        AgentConfig config = AgentConfig.builder("https://127.0.0.1:1", PIN, "damaged", agentDir)
                .enrollmentToken("enroll-secret").indicator(SessionIndicator.NONE).build();

        assertThatThrownBy(() -> DeviceAgent.start(config).close())
                .isInstanceOf(IOException.class)
                .hasMessage("the device identity file " + identity + " is damaged (Malformed \\uxxxx encoding); move it"
                        + " away and the agent gives the device a new unit id and MAC at its next start");
    }
}
