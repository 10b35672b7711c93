package dev.ums.viewer.bench;

import java.util.Locale;

/**
 * Summary of rounds measured in pairs (ours and the peer in the same round): the ratio of the totals, how many
 * rounds each side won, and the geometric mean of the per-round ratios with its 95 % confidence interval
 * (Student's t on the logarithms), which says whether a difference is larger than the noise between rounds.
 */
final class PairedRatios {
    /** Two-sided 95 % quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private PairedRatios() {
    }

    static String describe(long[] ours, long[] peer) {
        int n = 0;
        int won = 0;
        int lost = 0;
        double sum = 0;
        double sumSq = 0;
        long oursTotal = 0;
        long peerTotal = 0;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] <= 0 || peer[i] <= 0) {
                continue;
            }
            double log = Math.log((double) ours[i] / peer[i]);
            n++;
            sum += log;
            sumSq += log * log;
            won += ours[i] > peer[i] ? 1 : 0;
            lost += ours[i] < peer[i] ? 1 : 0;
            oursTotal += ours[i];
            peerTotal += peer[i];
        }
        if (n == 0) {
            return "no complete rounds";
        }
        double mean = sum / n;
        String text = String.format(Locale.ROOT, "ratio of totals %.3f (%d vs %d); rounds won %d, lost %d, tied %d; "
                + "geometric mean of round ratios %.3f", (double) oursTotal / peerTotal, oursTotal, peerTotal,
                won, lost, n - won - lost, Math.exp(mean));
        if (n > 1) {
            double sd = Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
            double half = (n - 1 <= T95.length ? T95[n - 2] : 1.96) * sd / Math.sqrt(n);
            text += String.format(Locale.ROOT, ", 95 %% interval %.3f–%.3f", Math.exp(mean - half), Math.exp(mean + half));
        }
        return text;
    }
}
