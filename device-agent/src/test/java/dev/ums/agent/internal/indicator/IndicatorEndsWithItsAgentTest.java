package dev.ums.agent.internal.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.testkit.vnc.XvncServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The indicator is a child process of the agent ({@link DisplaySessionIndicator}); it must not outlive the agent,
 * however the agent ends. A real child JVM ({@link IndicatorParent}) stands in for the agent and shows a real
 * indicator on a real Xvnc; the test ends that JVM and watches the indicator's process. JUnit's test thread.
 */
class IndicatorEndsWithItsAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static XvncServer xvnc;
    private Process agent;
    private ProcessHandle indicator;

    @BeforeAll
    static void startXvnc() {
        xvnc = XvncServer.start(800, 600);
    }

    @AfterAll
    static void stopXvnc() {
        xvnc.close();
    }

    @AfterEach
    void endWhatIsLeft() {
        if (agent != null) {
            agent.destroyForcibly();
        }
        if (indicator != null) {
            indicator.destroyForcibly();
        }
    }

    @Test
    @Timeout(90)
    void theIndicatorEndsWhenItsAgentIsKilled() throws Exception {
        showIndicator();

        agent.destroyForcibly(); // SIGKILL: no shutdown hook, no close

        await().atMost(WAIT).until(() -> !indicator.isAlive());
        await().atMost(WAIT).until(() -> visibleIndicators().isEmpty());
    }

    @Test
    @Timeout(90)
    void theIndicatorEndsWhenItsAgentExitsWithoutClosingIt() throws Exception {
        showIndicator();

        agent.getOutputStream().write('\n');
        agent.getOutputStream().flush();

        assertThat(agent.waitFor()).isZero();
        await().atMost(WAIT).until(() -> !indicator.isAlive());
        await().atMost(WAIT).until(() -> visibleIndicators().isEmpty());
    }

    /** Starts the stand-in agent and waits until its indicator is on the screen. */
    private void showIndicator() throws IOException {
        agent = xvnc.startJavaClient(IndicatorParent.class);
        String line = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(line).startsWith("indicator ");
        indicator = ProcessHandle.of(Long.parseLong(line.substring("indicator ".length()))).orElseThrow();
        String shown = new String(xvnc.runClient("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                "--name", IndicatorWindow.TITLE), StandardCharsets.US_ASCII).trim();
        assertThat(shown).as("the indicator on " + xvnc.display()).isNotEmpty();
    }

    private static String visibleIndicators() throws IOException {
        // xdotool exits 1 when it finds nothing, which is the answer wanted here.
        return new String(xvnc.runClient("sh", "-c", "xdotool search --onlyvisible --name '" + IndicatorWindow.TITLE
                + "' || true"), StandardCharsets.US_ASCII).trim();
    }
}
