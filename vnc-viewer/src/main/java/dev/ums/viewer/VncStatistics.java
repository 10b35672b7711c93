package dev.ums.viewer;

import java.util.Locale;

/**
 * The session's figures at one moment: updates and bytes received since connecting, and the picture quality in use.
 * Two of them give rates ({@link #since}). Immutable; {@link VncSession#statistics()} makes one on any thread.
 *
 * @param nanoTime      {@link System#nanoTime()} when taken
 * @param updates       FramebufferUpdate messages decoded so far
 * @param bytesReceived bytes read from the server (after TLS, where used)
 * @param quality       the encoding, JPEG quality, compression and colour depth asked for at that moment
 */
public record VncStatistics(long nanoTime, long updates, long bytesReceived, VncQuality quality) {

    /** Rates over the time from {@code earlier} to this one. */
    public Rates since(VncStatistics earlier) {
        double seconds = Math.max(1e-3, (nanoTime - earlier.nanoTime) / 1e9);
        return new Rates((updates - earlier.updates) / seconds, (bytesReceived - earlier.bytesReceived) / seconds / 1024,
                quality);
    }

    /**
     * Updates per second and KiB (1024 bytes) per second over an interval.
     *
     * @param quality the quality in use at the end of the interval
     */
    public record Rates(double updatesPerSecond, double kibPerSecond, VncQuality quality) {
        /** For example "12.0 updates/s, 345.6 KiB/s, Tight JPEG 6, compression 2". */
        public String describe() {
            return String.format(Locale.ROOT, "%.1f updates/s, %.1f KiB/s, %s", updatesPerSecond, kibPerSecond,
                    quality.describe());
        }
    }
}
