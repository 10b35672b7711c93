package dev.ums.agent.internal.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.agent.internal.consent.ConsentDialog;
import dev.ums.agent.internal.consent.ConsentParent;
import dev.ums.agent.internal.indicator.IndicatorParent;
import dev.ums.agent.internal.indicator.IndicatorWindow;
import dev.ums.testkit.vnc.XvncServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The windows the agent shows the person at the device, the shadow indicator and the consent dialog, are child
 * processes of the agent ({@link WindowProcess}); they must not outlive it, however it ends ({@link ParentWatch}). A
 * real child JVM ({@link IndicatorParent}, {@link ConsentParent}) stands in for the agent and shows the real window on
 * a real Xvnc (the dialog with a countdown longer than the test waits); the test ends that JVM and watches the
 * window's process. JUnit's test thread.
 */
class WindowsEndWithTheirAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static XvncServer xvnc;
    private Process agent;
    private ProcessHandle window;

    static Stream<Arguments> windows() {
        return Stream.of(Arguments.of(IndicatorParent.class, IndicatorWindow.TITLE),
                Arguments.of(ConsentParent.class, ConsentDialog.TITLE));
    }

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
        if (window != null) {
            window.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource("windows")
    @Timeout(90)
    void theWindowEndsWhenItsAgentIsKilled(Class<?> standIn, String title) throws Exception {
        show(standIn, title);

        agent.destroyForcibly(); // SIGKILL: no shutdown hook, no close

        await().atMost(WAIT).until(() -> !window.isAlive());
        await().atMost(WAIT).until(() -> visible(title).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("windows")
    @Timeout(90)
    void theWindowEndsWhenItsAgentExitsWithoutClosingIt(Class<?> standIn, String title) throws Exception {
        show(standIn, title);

        agent.getOutputStream().write('\n');
        agent.getOutputStream().flush();

        assertThat(agent.waitFor()).isZero();
        await().atMost(WAIT).until(() -> !window.isAlive());
        await().atMost(WAIT).until(() -> visible(title).isEmpty());
    }

    /** Starts the stand-in agent and waits until its window is on the screen; it prints the window's pid last. */
    private void show(Class<?> standIn, String title) throws IOException {
        agent = xvnc.startJavaClient(standIn);
        String line = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertThat(line).matches("[a-z]+ [0-9]+");
        window = ProcessHandle.of(Long.parseLong(line.substring(line.indexOf(' ') + 1))).orElseThrow();
        String shown = new String(xvnc.runClient("timeout", "30", "xdotool", "search", "--sync", "--onlyvisible",
                "--name", title), StandardCharsets.US_ASCII).trim();
        assertThat(shown).as("\"" + title + "\" on " + xvnc.display()).isNotEmpty();
    }

    private static String visible(String title) throws IOException {
        // xdotool exits 1 when it finds nothing, which is the answer wanted here.
        return new String(xvnc.runClient("sh", "-c", "xdotool search --onlyvisible --name '" + title + "' || true"),
                StandardCharsets.US_ASCII).trim();
    }
}
