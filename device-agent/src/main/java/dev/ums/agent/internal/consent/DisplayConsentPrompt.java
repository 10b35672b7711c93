package dev.ums.agent.internal.consent;

import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.internal.display.ShownAdmin;
import dev.ums.agent.internal.display.WindowProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the {@link ConsentDialog} on a given X display by starting it as a short-lived child JVM with
 * {@code DISPLAY} set. A JVM's AWT binds to one display for its whole life, and the agent usually runs as a
 * service without one; a child per prompt puts the dialog where the person is and keeps Swing out of the
 * agent. Without a display the answer is a denial: nobody could have agreed.
 *
 * <p>Thread: any; {@link #ask} blocks for up to the timeout plus the child's start-up, and an interrupt
 * (the agent closing) kills the dialog and denies.
 */
public record DisplayConsentPrompt(String display, Duration timeout) implements ConsentPrompt {
    static final String NO_DISPLAY = "no display to ask the user";
    private static final Logger LOG = LoggerFactory.getLogger(DisplayConsentPrompt.class);
    /** Time the child JVM may take to start and show the dialog, on top of the person's time; with the default
     * 20 s prompt this stays inside the 35 s the server waits for an answer. */
    private static final Duration START_MARGIN = Duration.ofSeconds(10);

    @Override
    public Answer ask(Request request) {
        if (display == null || display.isBlank()) {
            return Answer.deny(NO_DISPLAY);
        }
        Process process;
        try {
            process = WindowProcess.start(display, 64, ConsentDialog.class, List.of(Long.toString(timeout.toSeconds()),
                    ShownAdmin.of(request.admin()), Boolean.toString(request.viewOnly())));
        } catch (IOException e) {
            LOG.warn("cannot start the consent dialog: {}", e.getMessage());
            return Answer.deny("the consent dialog could not be started");
        }
        try {
            return answerOf(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.deny("the agent stopped before the user answered");
        } finally {
            process.destroyForcibly();
        }
    }

    private Answer answerOf(Process process) throws InterruptedException {
        long seconds = timeout.toSeconds();
        if (!process.waitFor(timeout.plus(START_MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
            return Answer.deny("the user did not answer within " + seconds + " s");
        }
        String verdict = lastLine(process);
        return switch (verdict) {
            case ConsentDialog.ACCEPTED -> Answer.accept();
            case ConsentDialog.DECLINED -> Answer.deny("the user declined");
            case ConsentDialog.TIMED_OUT -> Answer.deny("the user did not answer within " + seconds + " s");
            default -> {
                LOG.warn("the consent dialog could not open display {} (exit {})", display, process.exitValue());
                yield Answer.deny(NO_DISPLAY + " (cannot open display " + display + ")");
            }
        };
    }

    private static String lastLine(Process process) {
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line.trim();
            }
        } catch (IOException e) {
            LOG.debug("reading the consent dialog's answer failed", e);
        }
        return last;
    }
}
