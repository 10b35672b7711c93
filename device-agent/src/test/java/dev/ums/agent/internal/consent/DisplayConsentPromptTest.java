package dev.ums.agent.internal.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.agent.ConsentDialogClicker;
import dev.ums.agent.ConsentPrompt;
import dev.ums.testkit.vnc.XvncServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The consent dialog on a real X display (Xvnc), answered with real clicks through xdotool. */
class DisplayConsentPromptTest {
    private static final ConsentPrompt.Request REQUEST = new ConsentPrompt.Request("s1", "alice", true);
    private static XvncServer xvnc;
    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        xvnc = XvncServer.start(800, 600);
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
        xvnc.close();
    }

    private CompletableFuture<ConsentPrompt.Answer> ask(Duration timeout) {
        DisplayConsentPrompt prompt = new DisplayConsentPrompt(xvnc.display(), timeout);
        return CompletableFuture.supplyAsync(() -> prompt.ask(REQUEST), executor);
    }

    @Test
    void acceptClickedOnTheDisplayAccepts() throws Exception {
        CompletableFuture<ConsentPrompt.Answer> answer = ask(Duration.ofSeconds(20));

        new ConsentDialogClicker(xvnc).clickAccept();

        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(ConsentPrompt.Answer.accept());
    }

    @Test
    void denyClickedOnTheDisplayDenies() throws Exception {
        CompletableFuture<ConsentPrompt.Answer> answer = ask(Duration.ofSeconds(20));

        new ConsentDialogClicker(xvnc).clickDeny();

        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(ConsentPrompt.Answer.deny("the user declined"));
    }

    @Test
    void noAnswerBeforeTheCountdownEndsDenies() throws Exception {
        ConsentPrompt.Answer answer = ask(Duration.ofSeconds(1)).get(30, TimeUnit.SECONDS);

        assertThat(answer).isEqualTo(ConsentPrompt.Answer.deny("the user did not answer within 1 s"));
    }

    @Test
    void withoutADisplayNobodyCanAgree() {
        assertThat(new DisplayConsentPrompt(null, Duration.ofSeconds(20)).ask(REQUEST))
                .isEqualTo(ConsentPrompt.Answer.deny("no display to ask the user"));
        assertThat(new DisplayConsentPrompt("", Duration.ofSeconds(20)).ask(REQUEST).accepted()).isFalse();
    }

    @Test
    void aDisplayThatCannotBeOpenedDenies() {
        ConsentPrompt.Answer answer = new DisplayConsentPrompt(":987", Duration.ofSeconds(20)).ask(REQUEST);

        assertThat(answer.accepted()).isFalse();
        assertThat(answer.message()).isEqualTo("no display to ask the user (cannot open display :987)");
    }
}
