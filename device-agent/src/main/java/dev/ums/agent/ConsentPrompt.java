package dev.ums.agent;

import dev.ums.agent.internal.consent.DisplayConsentPrompt;
import java.time.Duration;

/**
 * Asks the person at the device whether an administrator may shadow it. Called off the network threads;
 * an implementation may block until the person answers or its timeout passes, and must then deny.
 */
@FunctionalInterface
public interface ConsentPrompt {
    /** How long the default prompt waits before it denies. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** What the administrator wants: who, and whether they can only watch. */
    record Request(String sessionId, String admin, boolean viewOnly) {
    }

    /** The person's answer; {@code message} says why a denial happened (declined, timed out, no display). */
    record Answer(boolean accepted, String message) {
        public static Answer accept() {
            return new Answer(true, "the user accepted");
        }

        public static Answer deny(String why) {
            return new Answer(false, why);
        }
    }

    Answer ask(Request request);

    /** A Swing dialog with Accept/Deny and a countdown on X display {@code display}; no display → deny. */
    static ConsentPrompt onDisplay(String display, Duration timeout) {
        return new DisplayConsentPrompt(display, timeout);
    }

    /** The default: a dialog on this process's {@code DISPLAY}, denying after {@link #DEFAULT_TIMEOUT}. */
    static ConsentPrompt forThisDisplay() {
        return onDisplay(System.getenv("DISPLAY"), DEFAULT_TIMEOUT);
    }
}
