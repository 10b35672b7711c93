package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.XvncServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Frames delivered in a fixed time of a 1920×1080 animation: our viewer window against TigerVNC's
 * {@code vncviewer}, one after the other, both drawing into the same Xvfb and both counted by
 * Xvnc itself ("Framebuffer updates" per client, logged when the client leaves).
 * Arguments: seconds per run, JPEG quality, rounds. Starts its own Xvfb for both viewers to draw into.
 * System properties: {@code bench.oursJvm} extra JVM options for our viewer (e.g. a flight
 * recording), {@code bench.variants} several of ours in turn (see {@link #variants()}), {@code bench.ours=decode-only} for our engine without a window,
 * {@code bench.pin=true} gives the server side and the viewer side a core each (see {@link BenchProcesses}),
 * {@code bench.showLog=true} prints Xvnc's log (which encodings each client received), and the option
 * {@code -Dbench.warmup=S} in a variant gives our JVM one uncounted session of S seconds first, as a console
 * that has shadowed before would be.
 */
public final class ViewerFramesBenchmark {
    private ViewerFramesBenchmark() {
    }

    /**
     * One viewer's run: updates, pixels and encoded bytes as Xvnc counted them, CPU seconds of the viewer, Xvnc and
     * the drawing Xvfb.
     */
    private record Run(long updates, double mpixels, double mib, double viewerCpu, double xvncCpu, double xvfbCpu) {
        String describe(int seconds) {
            return String.format(Locale.ROOT, "%d (%.1f/s; %.0f Mpixels, %.1f MiB, %.0f KiB per update; CPU s: "
                    + "viewer %.1f, Xvnc %.1f, Xvfb %.1f; viewer ms/update %.1f)", updates, updates / (double) seconds,
                    mpixels, mib, mib * 1024 / Math.max(1, updates), viewerCpu, xvncCpu, xvfbCpu,
                    1000 * viewerCpu / Math.max(1, updates));
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int quality = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String classpath = System.getProperty("java.class.path");
        int outDisplay = BenchProcesses.freeDisplay(300);
        Process xvfb = BenchProcesses.xvfb(outDisplay);
        List<Process> children = new ArrayList<>(List.of(xvfb));
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            children.add(BenchProcesses.animation(xvnc.display(), 1920, 1080));
            Thread.sleep(3000);
            // Debian installs Xvnc as a link to Xtigervnc.
            long xvncPid = CpuClock.child("Xvnc", "Xtigervnc");
            BenchProcesses.pinServer(xvncPid);
            List<String[]> variants = variants();
            long[][] ours = new long[variants.size()][rounds];
            long[] tiger = new long[rounds];
            double[][] oursPixels = new double[variants.size()][rounds];
            double[] tigerPixels = new double[rounds];
            for (int round = 1; round <= rounds; round++) {
                // Rotate the order so that warm-up and load drift do not favour one side.
                int turns = variants.size() + 1;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d (load %s):", round, load()));
                for (int turn = 0; turn < turns; turn++) {
                    int who = (turn + round - 1) % turns;
                    if (who == variants.size()) {
                        Run t = runTiger(xvnc, xvncPid, xvfb.pid(), outDisplay, seconds, quality, children);
                        tiger[round - 1] = t.updates();
                        tigerPixels[round - 1] = t.mpixels();
                        line.append("\n  TigerVNC vncviewer ").append(t.describe(seconds));
                    } else {
                        Run o = runOurs(xvnc, xvncPid, xvfb.pid(), outDisplay, classpath, seconds, quality,
                                variants.get(who)[1]);
                        ours[who][round - 1] = o.updates();
                        oursPixels[who][round - 1] = o.mpixels();
                        line.append("\n  ours ").append(variants.get(who)[0]).append(' ').append(o.describe(seconds));
                    }
                }
                System.out.println(line);
            }
            for (int v = 0; v < variants.size(); v++) {
                System.out.printf(Locale.ROOT, "%d rounds of %d s (Tight, JPEG quality %d, 1920x1080): ours %s %s, "
                        + "TigerVNC vncviewer %s; medians %.0f vs %.0f, ratio of medians %.2f; totals %d vs %d%n",
                        rounds, seconds, quality, variants.get(v)[0], Arrays.toString(ours[v]), Arrays.toString(tiger),
                        median(ours[v]), median(tiger), median(ours[v]) / median(tiger), Arrays.stream(ours[v]).sum(),
                        Arrays.stream(tiger).sum());
                System.out.printf(Locale.ROOT, "  Mpixels sent: ours %s %.0f in all, TigerVNC vncviewer %.0f in all, ratio %.2f%n",
                        variants.get(v)[0], Arrays.stream(oursPixels[v]).sum(), Arrays.stream(tigerPixels).sum(),
                        Arrays.stream(oursPixels[v]).sum() / Arrays.stream(tigerPixels).sum());
                System.out.println("  updates: " + PairedRatios.describe(ours[v], tiger));
            }
            if (Boolean.getBoolean("bench.showLog")) {
                System.out.println(xvnc.log());
            }
        } finally {
            for (Process p : children) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Our viewer's variants, label and JVM options each: {@code bench.variants} is
     * "label=options;label=options", e.g. "cu=-Dbench.continuous=true;req=-Dbench.continuous=false";
     * otherwise one variant with {@code bench.oursJvm}. An option {@code -Dbench.prependCp=dir} runs
     * the classes in {@code dir} (an earlier build) instead of ours.
     */
    private static List<String[]> variants() {
        String spec = System.getProperty("bench.variants", "").strip();
        if (spec.isEmpty()) {
            return List.<String[]>of(new String[] {"window", System.getProperty("bench.oursJvm", "")});
        }
        List<String[]> variants = new ArrayList<>();
        for (String v : spec.split(";")) {
            int eq = v.indexOf('=');
            variants.add(new String[] {v.substring(0, eq), v.substring(eq + 1)});
        }
        return variants;
    }

    private static Run runOurs(XvncServer xvnc, long xvncPid, long xvfbPid, int outDisplay, String classpath,
                               int seconds, int quality, String jvmOptionsText) throws Exception {
        List<String> options = new ArrayList<>();
        String jvmOptions = jvmOptionsText.strip();
        String cp = classpath;
        String mode = System.getProperty("bench.ours", "window");
        for (String option : jvmOptions.isEmpty() ? new String[0] : jvmOptions.split("\\s+")) {
            // "-Dbench.prependCp=dir" puts another build first, e.g. the classes of an earlier commit.
            if (option.startsWith("-Dbench.prependCp=")) {
                cp = option.substring("-Dbench.prependCp=".length()) + java.io.File.pathSeparator + cp;
            } else if (option.startsWith("-Dbench.ours=")) {
                mode = option.substring("-Dbench.ours=".length());
            } else {
                options.add(option);
            }
        }
        Process p = OurViewerRun.start(options, cp, xvnc, seconds, quality, mode, ":" + outDisplay);
        double viewerCpu = Double.NaN;
        double xvnc0 = CpuClock.seconds(xvncPid);
        double xvfb0 = CpuClock.seconds(xvfbPid);
        // Our viewer reports its own CPU time from session start to end, leaving JVM start-up out.
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  ours: " + line);
                if (line.equals("measuring")) {
                    xvnc0 = CpuClock.seconds(xvncPid);
                    xvfb0 = CpuClock.seconds(xvfbPid);
                }
                double cpu = OurViewerRun.cpuSeconds(line);
                if (!Double.isNaN(cpu)) {
                    viewerCpu = cpu;
                }
            }
        }
        p.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Thread.sleep(1000);
        return lastRun(xvnc, viewerCpu, CpuClock.seconds(xvncPid) - xvnc0, CpuClock.seconds(xvfbPid) - xvfb0);
    }

    private static Run runTiger(XvncServer xvnc, long xvncPid, long xvfbPid, int outDisplay, int seconds, int quality,
                                List<Process> children) throws Exception {
        double xvnc0 = CpuClock.seconds(xvncPid);
        double xvfb0 = CpuClock.seconds(xvfbPid);
        Process p = BenchProcesses.vncviewer(xvnc.host(), xvnc.port(), quality, ":" + outDisplay);
        children.add(p);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        double viewerCpu = CpuClock.seconds(p.pid());
        double xvncCpu = CpuClock.seconds(xvncPid) - xvnc0;
        double xvfbCpu = CpuClock.seconds(xvfbPid) - xvfb0;
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(1000);
        return lastRun(xvnc, viewerCpu, xvncCpu, xvfbCpu);
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Xvnc logs its statistics when a client leaves; the latest are those of the client just ended. */
    private static Run lastRun(XvncServer xvnc, double viewerCpu, double xvncCpu, double xvfbCpu) {
        List<XvncClientStats> all = XvncClientStats.parse(xvnc.log());
        XvncClientStats last = all.isEmpty() ? new XvncClientStats(0, -1, Double.NaN, Double.NaN) : all.get(all.size() - 1);
        return new Run(last.updates(), last.mpixels(), last.mib(), viewerCpu, xvncCpu, xvfbCpu);
    }
}
