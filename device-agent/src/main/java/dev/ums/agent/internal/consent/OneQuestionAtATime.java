package dev.ums.agent.internal.consent;

import dev.ums.agent.ConsentPrompt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the person at the device about one session at a time: while a question is on the screen, every other request
 * is denied at once with a sentence saying so, so a burst of requests cannot stack dialogs or ask again and again.
 * Thread-safe: sessions ask from their own threads.
 */
public final class OneQuestionAtATime implements ConsentPrompt {
    static final String BUSY = "the user is already being asked about another session";

    private final ConsentPrompt prompt;
    private final AtomicBoolean asking = new AtomicBoolean();

    public OneQuestionAtATime(ConsentPrompt prompt) {
        this.prompt = prompt;
    }

    @Override
    public Answer ask(Request request) {
        if (!asking.compareAndSet(false, true)) {
            return Answer.deny(BUSY);
        }
        try {
            return prompt.ask(request);
        } finally {
            asking.set(false);
        }
    }
}
