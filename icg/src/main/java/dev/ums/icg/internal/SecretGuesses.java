package dev.ums.icg.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Wrong gateway secrets by address: an address that presented {@value #PER_MINUTE} wrong secrets within a minute is
 * refused without a comparison until that minute is over, so the secret cannot be guessed at network speed. At most
 * {@value #ADDRESSES} addresses are remembered (expired ones are dropped first); beyond that a new address is not
 * counted rather than refused, so a flood from many addresses cannot shut out the server's own. Thread-safe.
 */
final class SecretGuesses {
    static final int PER_MINUTE = 10;
    static final int ADDRESSES = 4096;
    private static final long MINUTE_MS = 60_000;

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    SecretGuesses(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code address} has used up its wrong guesses for now. */
    synchronized boolean exhausted(String address) {
        Window w = windows.get(address);
        return w != null && !w.over(clock.millis()) && w.wrong >= PER_MINUTE;
    }

    /** Counts a wrong secret from {@code address}. */
    synchronized void wrong(String address) {
        long now = clock.millis();
        Window w = windows.get(address);
        if (w == null || w.over(now)) {
            if (w == null && windows.size() >= ADDRESSES) {
                windows.values().removeIf(old -> old.over(now));
                if (windows.size() >= ADDRESSES) {
                    return;
                }
            }
            w = new Window(now);
            windows.put(address, w);
        }
        w.wrong++;
    }

    private static final class Window {
        private final long start;
        private int wrong;

        Window(long start) {
            this.start = start;
        }

        boolean over(long now) {
            return now - start >= MINUTE_MS;
        }
    }
}
