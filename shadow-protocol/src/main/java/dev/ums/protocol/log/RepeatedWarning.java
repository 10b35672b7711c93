package dev.ums.protocol.log;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * A warning that others can trigger at will (a refused connection, a malformed message): at most
 * {@code perWindow} lines per window, the rest counted and reported in one line with the next warning after
 * the window, so a flood cannot flood the log. Any thread may call it.
 */
public final class RepeatedWarning {
    public static final int PER_MINUTE = 20;
    /** The characters of a peer's value a line shows. */
    public static final int PEER_TEXT = 64;

    private final Logger log;
    private final Clock clock;
    private final int perWindow;
    private final long windowMs;
    private final String what;
    private long windowStart;
    private int logged;
    private long left;

    /** {@code what} names the warning in the summary line, e.g. "refused device connections". */
    public RepeatedWarning(Logger log, Clock clock, String what, int perWindow, Duration window) {
        this.log = log;
        this.clock = clock;
        this.what = what;
        this.perWindow = perWindow;
        this.windowMs = window.toMillis();
        this.windowStart = clock.millis();
    }

    /** The usual limit: {@value #PER_MINUTE} lines a minute. */
    public static RepeatedWarning perMinute(Logger log, Clock clock, String what) {
        return new RepeatedWarning(log, clock, what, PER_MINUTE, Duration.ofMinutes(1));
    }

    public void warn(String format, Object... args) {
        long leftOut;
        boolean write;
        synchronized (this) {
            long now = clock.millis();
            leftOut = 0;
            if (now - windowStart >= windowMs) {
                leftOut = left;
                windowStart = now;
                logged = 0;
                left = 0;
            }
            write = logged < perWindow;
            if (write) {
                logged++;
            } else {
                left++;
            }
        }
        if (leftOut > 0) {
            log.warn("{} more {} were not logged in the last {} s", leftOut, what, windowMs / 1000);
        }
        if (write) {
            log.warn(format, args);
        }
    }

    /**
     * A value a peer chose (a path, an id from a header), made fit for a log line: at most {@value #PEER_TEXT}
     * characters, control characters replaced, so one request cannot write kilobytes or forge lines.
     */
    public static String peerText(String value) {
        return PeerText.of(value, PEER_TEXT);
    }
}
