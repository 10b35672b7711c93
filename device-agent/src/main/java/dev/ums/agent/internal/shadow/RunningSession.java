package dev.ums.agent.internal.shadow;

import dev.ums.agent.SessionIndicator;
import dev.ums.protocol.tunnel.BytePump;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session whose bytes flow, as {@link ShadowSessions} keeps it until its end was handled: the pump, the indicator
 * shown for it (closed once, by whichever comes first: the session's end or the agent's), and what completes once
 * the end was handled (indicator closed, {@code shadow.closed} sent). Any thread.
 */
final class RunningSession {
    private final BytePump pump;
    private final SessionIndicator.Shown indicator;
    private final AtomicBoolean indicatorClosed = new AtomicBoolean();
    private final CompletableFuture<Void> handled = new CompletableFuture<>();

    RunningSession(BytePump pump, SessionIndicator.Shown indicator) {
        this.pump = pump;
        this.indicator = indicator;
    }

    BytePump pump() {
        return pump;
    }

    /** Removes the indicator from the screen; later calls do nothing. */
    void closeIndicator() {
        if (indicatorClosed.compareAndSet(false, true)) {
            indicator.close();
        }
    }

    /** Completes once the session's end was handled. */
    CompletableFuture<Void> handled() {
        return handled;
    }

    void endHandled() {
        handled.complete(null);
    }
}
