package dev.ums.agent;

import dev.ums.agent.internal.indicator.DisplaySessionIndicator;
import dev.ums.protocol.imi.IndicatorPosition;
import java.time.Instant;

/**
 * Shows the person at the device that the device is being shadowed, for as long as a session runs, and lets
 * them end it when the settings allow. Called on a session thread; {@link #show} returns at once.
 */
@FunctionalInterface
public interface SessionIndicator {
    /** Who is watching since when, how, where the indicator goes, and whether it offers Disconnect. */
    record Request(String sessionId, String admin, Instant since, boolean viewOnly, IndicatorPosition position,
                   boolean allowDisconnect) {
    }

    /** A shown indicator; closing it removes it from the screen. Any thread. */
    interface Shown extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Shows the indicator for {@code request}; {@code onDisconnect} runs (on a thread of the indicator's own)
     * when the person pressed Disconnect.
     */
    Shown show(Request request, Runnable onDisconnect);

    /** Shows nothing: for agents without a screen of their own (and their tests). */
    SessionIndicator NONE = (request, onDisconnect) -> () -> { };

    /** An always-on-top window on X display {@code display}; without a display, nothing is shown. */
    static SessionIndicator onDisplay(String display) {
        return new DisplaySessionIndicator(display);
    }

    /** The default: the window on this process's {@code DISPLAY}. */
    static SessionIndicator forThisDisplay() {
        return onDisplay(System.getenv("DISPLAY"));
    }
}
