package dev.ums.viewer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One round of {@link WanBenchmark}: what Xvnc sent each viewer in the counted session, how closely each showed the
 * paused picture, and the key-to-pixels latencies (typing only); {@link #table} summarises rounds per profile and
 * workload against the target. Immutable; any thread.
 */
record WanResult(String profile, String workload, int round, boolean oursFirst, XvncClientStats ours,
                 XvncClientStats tiger, double oursSeconds, double tigerSeconds, PictureMatch oursPicture,
                 PictureMatch tigerPicture, double[] oursLatency, double[] tigerLatency) {
    /** PSNR this close counts as equal: below what separates two neighbouring JPEG qualities. */
    static final double PSNR_TOLERANCE_DB = 0.5;
    /** No echo can come back faster than the link's round trip; a quicker change is left over from an earlier key. */
    static final double ROUND_TRIP_MILLIS = 40;

    double oursRate() {
        return ours.updates() / oursSeconds;
    }

    double tigerRate() {
        return tiger.updates() / tigerSeconds;
    }

    String line() {
        return String.format(Locale.ROOT, "%s %s round %d (%s first): updates/s ours %.2f (%d in %.1f s, %.2f MiB), "
                        + "vncviewer %.2f (%d in %.1f s, %.2f MiB); PSNR ours %s at %d,%d, vncviewer %s at %d,%d; "
                        + "latency ms ours %s, vncviewer %s",
                profile, workload, round, oursFirst ? "ours" : "vncviewer", oursRate(), ours.updates(), oursSeconds,
                ours.mib(), tigerRate(), tiger.updates(), tigerSeconds, tiger.mib(), db(oursPicture.psnr()),
                oursPicture.offset().x, oursPicture.offset().y, db(tigerPicture.psnr()), tigerPicture.offset().x,
                tigerPicture.offset().y, Arrays.toString(oursLatency), Arrays.toString(tigerLatency));
    }

    /** A Markdown table: one row per profile and workload, mean and range over its rounds, and the verdict. */
    static String table(List<WanResult> results, int seconds) {
        Map<String, List<WanResult>> groups = new LinkedHashMap<>();
        for (WanResult r : results) {
            groups.computeIfAbsent(r.profile + " | " + r.workload, k -> new ArrayList<>()).add(r);
        }
        StringBuilder t = new StringBuilder();
        t.append("| link | workload | rounds | updates/s ours | updates/s vncviewer | MiB ours / vncviewer per ")
                .append(seconds).append(" s | PSNR dB ours | PSNR dB vncviewer | key latency ms ours (median, range; samples) "
                        + "| key latency ms vncviewer | target |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (List<WanResult> g : groups.values()) {
            WanResult first = g.get(0);
            double oursRate = mean(g, WanResult::oursRate);
            double tigerRate = mean(g, WanResult::tigerRate);
            double oursPsnr = minimum(g, r -> r.oursPicture.psnr());
            double tigerPsnr = minimum(g, r -> r.tigerPicture.psnr());
            double[] oursLat = all(g, true);
            double[] tigerLat = all(g, false);
            List<String> unmet = new ArrayList<>();
            if (oursRate < tigerRate) {
                unmet.add("fewer updates/s");
            }
            if (oursPsnr < tigerPsnr - PSNR_TOLERANCE_DB) {
                unmet.add("lower PSNR");
            }
            if (oursLat.length > 0 && median(oursLat) > median(tigerLat)) {
                unmet.add("more latency");
            }
            t.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s / %s | %s | %s | %s | %s | %s |%n",
                    first.profile, first.workload, g.size(), range(g, WanResult::oursRate, "%.1f"),
                    range(g, WanResult::tigerRate, "%.1f"), range(g, r -> r.ours.mib() * seconds / r.oursSeconds, "%.1f"),
                    range(g, r -> r.tiger.mib() * seconds / r.tigerSeconds, "%.1f"),
                    psnrRange(g, true), psnrRange(g, false), latency(oursLat), latency(tigerLat),
                    unmet.isEmpty() ? "met" : "not met: " + String.join(", ", unmet)));
        }
        return t.toString();
    }

    private static double mean(List<WanResult> g, ToDoubleFunction<WanResult> f) {
        return g.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double minimum(List<WanResult> g, ToDoubleFunction<WanResult> f) {
        return g.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static String range(List<WanResult> g, ToDoubleFunction<WanResult> f, String format) {
        double min = minimum(g, f);
        double max = g.stream().mapToDouble(f).max().orElse(Double.NaN);
        String mean = String.format(Locale.ROOT, format, mean(g, f));
        return g.size() == 1 ? mean : mean + " (" + String.format(Locale.ROOT, format, min) + "–"
                + String.format(Locale.ROOT, format, max) + ")";
    }

    private static String psnrRange(List<WanResult> g, boolean ours) {
        ToDoubleFunction<WanResult> f = r -> (ours ? r.oursPicture : r.tigerPicture).psnr();
        double min = minimum(g, f);
        double max = g.stream().mapToDouble(f).max().orElse(Double.NaN);
        return min == max ? db(min) : db(min) + "–" + db(max);
    }

    private static double[] all(List<WanResult> g, boolean ours) {
        return g.stream().flatMapToDouble(r -> Arrays.stream(ours ? r.oursLatency : r.tigerLatency))
                .filter(v -> v >= ROUND_TRIP_MILLIS).sorted().toArray();
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String latency(double[] sorted) {
        return sorted.length == 0 ? "–" : String.format(Locale.ROOT, "%.0f (%.0f–%.0f; %d)", median(sorted), sorted[0],
                sorted[sorted.length - 1], sorted.length);
    }

    static String db(double psnr) {
        return Double.isInfinite(psnr) ? "∞ (exact)" : String.format(Locale.ROOT, "%.1f", psnr);
    }
}
