package dev.ums.agent.internal.up;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * The warning about a malformed message from the server, at most once a minute: the messages left out in between are
 * counted and reported with the next warning, so a server sending garbage cannot fill the device's log. Called on the
 * link's reading thread only.
 */
final class MalformedWarnings {
    private static final long MINUTE_MS = 60_000;

    private final Logger log;
    private final LongSupplier clock;
    private long lastWarned = Long.MIN_VALUE;
    private long leftOut;

    MalformedWarnings(Logger log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    void warn(String reason) {
        long now = clock.getAsLong();
        if (lastWarned != Long.MIN_VALUE && now - lastWarned < MINUTE_MS) {
            leftOut++;
            return;
        }
        if (leftOut > 0) {
            log.warn("ignoring a malformed message from the server: {} ({} more were ignored in the last minute)", reason,
                    leftOut);
        } else {
            log.warn("ignoring a malformed message from the server: {}", reason);
        }
        lastWarned = now;
        leftOut = 0;
    }
}
