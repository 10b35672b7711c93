package dev.ums.viewer.internal.quality;

import dev.ums.viewer.VncSettings;

/**
 * Chooses Tight's JPEG quality and compression level from the measured link. Five tiers: lossless above 40 Mbit/s
 * (where the exact picture costs nothing the user could see), JPEG 8 above 12, JPEG 6 above 1 (TigerVNC's viewer
 * uses 6 below 16 Mbit/s, and the benchmark's target asks for its PSNR or better), JPEG 5 above 200 kbit/s, JPEG 3
 * below. Every JPEG tier keeps compression level 2, as TigerVNC's viewer does: higher levels (6, 9) cost Xvnc zlib
 * time, which the meter cannot tell from a slow link, and over a shaped 2 Mbit/s link sessions moving between them
 * received about half the bytes {@code vncviewer} received on the same link. A long round trip (≥ 150 ms) counts as
 * one tier slower, but not below JPEG 6: continuous updates are paced by fence round trips, so every byte takes
 * longer to be followed by the next picture; yet a round trip includes the data queued on the link, so on a slow
 * link it is long whenever a picture is on its way, and counting it there too pushed a 2 Mbit/s link to JPEG 3.
 * Moving to a better tier needs 25 % more than its threshold (hysteresis), so a link near a boundary does not make
 * the choice flap; moving down happens at once. A pure function of its inputs, for any thread: the traces test
 * drives it with recorded estimates.
 */
public final class QualitySelector {
    /** JPEG quality and compression per tier, best first; -1 = lossless / the server's default compression. */
    static final int[][] TIERS = {
        {VncSettings.LOSSLESS, VncSettings.DEFAULT_COMPRESSION},
        {8, 2},
        {6, 2},
        {5, 2},
        {3, 2},
    };
    /** The lowest throughput, in kbit/s, that each tier needs (the last needs nothing). */
    static final double[] THRESHOLDS = {40_000, 12_000, 1_000, 200, 0};
    /** The tier a long round trip does not push a link below: JPEG 6, the lowest TigerVNC's viewer uses. */
    static final int LONG_RTT_FLOOR = 2;
    /**
     * Where an automatic session starts, before anything is measured: JPEG 8 with compression 2, TigerVNC
     * {@code vncviewer}'s documented defaults. A lossless first picture of a photo-like 1920×1080 desktop is about
     * 4 MiB, 17 s at 2 Mbit/s before the first measurement could lower the quality; at JPEG 8 it is a tenth of that,
     * and a fast link is seen within the first update and lifted to lossless.
     */
    public static final int START_TIER = 1;
    static final double HYSTERESIS = 1.25;
    static final double LONG_RTT_MILLIS = 150;

    private QualitySelector() {
    }

    /** The tier to use after {@code estimate}, coming from tier {@code current} (0 = best). */
    public static int tier(int current, LinkEstimate estimate) {
        int fits = THRESHOLDS.length - 1;
        for (int t = 0; t < THRESHOLDS.length; t++) {
            double needed = THRESHOLDS[t] * (t < current ? HYSTERESIS : 1.0);
            if (estimate.kbitPerSecond() >= needed) {
                fits = t;
                break;
            }
        }
        if (estimate.rttMillis() >= LONG_RTT_MILLIS && fits < LONG_RTT_FLOOR) {
            fits++;
        }
        return fits;
    }

    public static int jpegQuality(int tier) {
        return TIERS[tier][0];
    }

    public static int compressionLevel(int tier) {
        return TIERS[tier][1];
    }
}
