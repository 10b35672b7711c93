package dev.ums.console.core;

/**
 * Told each {@link ShadowStep} as a session opens. Called on the thread that opens the session (a worker,
 * never the Swing thread), so a screen must hand the step to the event thread itself.
 */
@FunctionalInterface
public interface ShadowProgress {
    /** A listener that ignores every step. */
    ShadowProgress NONE = (step, detail) -> { };

    /**
     * @param detail what the step is about (server, device name), for display; never null
     */
    void reached(ShadowStep step, String detail);
}
