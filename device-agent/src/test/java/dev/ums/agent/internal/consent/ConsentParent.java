package dev.ums.agent.internal.consent;

import dev.ums.agent.ConsentPrompt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A stand-in for the agent's JVM in {@code WindowsEndWithTheirAgentTest}: asks the person on its {@code DISPLAY} as
 * {@code ums agent} does, with a countdown far longer than the test waits, prints {@code dialog <pid>} once the
 * dialog's process runs, then waits for a line on standard input and exits while the dialog is still open, unless it
 * is killed first. The question runs on a thread of its own; printing and exiting on the main thread.
 */
public final class ConsentParent {
    static final Duration COUNTDOWN = Duration.ofMinutes(10);

    private ConsentParent() {
    }

    public static void main(String[] args) throws Exception {
        Thread asking = new Thread(() -> new DisplayConsentPrompt(System.getenv("DISPLAY"), COUNTDOWN)
                .ask(new ConsentPrompt.Request("s1", "alice", true)), "asking");
        asking.setDaemon(true);
        asking.start();
        Optional<ProcessHandle> dialog = ProcessHandle.current().children().findFirst();
        while (dialog.isEmpty()) {
            Thread.sleep(20);
            dialog = ProcessHandle.current().children().findFirst();
        }
        System.out.println("dialog " + dialog.get().pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.exit(0);
    }
}
