package dev.ums.agent.internal.consent;

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
 * The consent dialog is a child process of the agent ({@link DisplayConsentPrompt}); it must not outlive the agent,
 * however the agent ends, nor wait for its countdown with nobody to answer to. A real child JVM ({@link ConsentParent})
 * stands in for the agent and shows a real dialog on a real Xvnc with a countdown longer than the test waits; the test
 * ends that JVM and watches the dialog's process. JUnit's test thread.
 */
class ConsentEndsWithItsAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static XvncServer xvnc;
    private Process agent;
    private ProcessHandle dialog;

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
        if (dialog != null) {
            dialog.destroyForcibly();
        }
    }

    @Test
    @Timeout(90)
    void theDialogEndsWhenItsAgentIsKilled() throws Exception {
        showDialog();

        agent.destroyForcibly(); // SIGKILL: no shutdown hook, no destroying of the dialog

        await().atMost(WAIT).until(() -> !dialog.isAlive());
        await().atMost(WAIT).until(() -> visibleDialogs().isEmpty());
    }

    @Test
    @Timeout(90)
    void theDialogEndsWhenItsAgentExitsWhileItIsOpen() throws Exception {
        showDialog();

        agent.getOutputStream().write('\n');
        agent.getOutputStream().flush();

        assertThat(agent.waitFor()).isZero();
        await().atMost(WAIT).until(() -> !dialog.isAlive());
        await().atMost(WAIT).until(() -> visibleDialogs().isEmpty());
    }

    /** Starts the stand-in agent and waits until its dialog is on the screen. */
    private void showDialog() throws IOException {
        agent = xvnc.startJavaClient(ConsentParent.class);
        String line = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(line).startsWith("dialog ");
        dialog = ProcessHandle.of(Long.parseLong(line.substring("dialog ".length()))).orElseThrow();
        String shown = new String(xvnc.runClient("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                "--name", ConsentDialog.TITLE), StandardCharsets.US_ASCII).trim();
        assertThat(shown).as("the consent dialog on " + xvnc.display()).isNotEmpty();
    }

    private static String visibleDialogs() throws IOException {
        // xdotool exits 1 when it finds nothing, which is the answer wanted here.
        return new String(xvnc.runClient("sh", "-c", "xdotool search --onlyvisible --name '" + ConsentDialog.TITLE
                + "' || true"), StandardCharsets.US_ASCII).trim();
    }
}
