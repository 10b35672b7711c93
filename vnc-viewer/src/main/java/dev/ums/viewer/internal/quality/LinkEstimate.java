package dev.ums.viewer.internal.quality;

/**
 * What the stream showed of the link over one window: throughput while updates were arriving and the latest fence
 * round trip. Immutable.
 *
 * @param kbitPerSecond bytes that arrived inside updates over the time reads waited for them, in kbit/s
 * @param bytes         the bytes measured
 * @param waitedMillis  the time reads waited inside updates
 * @param rttMillis     the latest fence round trip, or -1 if none was measured yet
 */
public record LinkEstimate(double kbitPerSecond, long bytes, double waitedMillis, double rttMillis) {
}
