package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.XvncServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our viewer window and TigerVNC's {@code vncviewer} connected to the same Xvnc at the same time, each drawing into
 * its own Xvfb, while the 1920×1080 animation runs: both see the same frames under the same load, so round-to-round
 * drift of the machine cancels out and Xvnc's per-client count says which viewer kept up with more of the server's
 * updates. Xvnc sends each client an update when that client is not congested (TigerVNC's server measures every
 * client's round trip with fences), so a viewer that reads and answers more slowly is sent fewer, larger updates.
 * Arguments: seconds per round, JPEG quality (-1 for lossless Tight, -2 for both viewers' defaults), rounds; the
 * summary gives the updates and the CPU per update of both, with ratios.
 */
public final class HeadToHeadBenchmark {
    private static final Pattern PORT = Pattern.compile("^port (\\d+)");

    private HeadToHeadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int quality = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int oursDisplay = BenchProcesses.freeDisplay(300);
        int tigerDisplay = BenchProcesses.freeDisplay(oursDisplay + 1);
        List<Process> children = new ArrayList<>(List.of(BenchProcesses.xvfb(oursDisplay),
                BenchProcesses.xvfb(tigerDisplay)));
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            children.add(BenchProcesses.animation(xvnc.display(), 1920, 1080));
            // Debian installs Xvnc as a link to Xtigervnc.
            BenchProcesses.pinServer(CpuClock.child("Xvnc", "Xtigervnc"));
            Thread.sleep(3000);
            long[] ours = new long[rounds];
            long[] tiger = new long[rounds];
            // CPU microseconds per update and per million pixels Xvnc sent, ours and vncviewer's, per round: Xvnc cuts
            // the same pictures into differently many updates for the two, so the second is the fairer comparison.
            long[] oursCpu = new long[rounds];
            long[] tigerCpu = new long[rounds];
            long[] oursCpuPixels = new long[rounds];
            long[] tigerCpuPixels = new long[rounds];
            for (int round = 0; round < rounds; round++) {
                double[] r = round(xvnc, seconds, quality, ":" + oursDisplay, ":" + tigerDisplay, round + 1);
                ours[round] = (long) r[0];
                tiger[round] = (long) r[1];
                oursCpu[round] = Math.round(1e6 * r[2] / r[0]);
                tigerCpu[round] = Math.round(1e6 * r[3] / r[1]);
                oursCpuPixels[round] = Math.round(1e6 * r[2] / r[4]);
                tigerCpuPixels[round] = Math.round(1e6 * r[3] / r[5]);
            }
            System.out.printf(Locale.ROOT, "%d rounds of %d s together (%s, 1920x1080): ours %s, "
                    + "TigerVNC vncviewer %s%n  updates: %s%n  CPU µs per update, ours %s, vncviewer %s: %s%n"
                    + "  CPU µs per Mpixel, ours %s, vncviewer %s: %s%n",
                    rounds, seconds, quality == BenchProcesses.DEFAULTS ? "both with their defaults"
                            : quality < 0 ? "Tight lossless" : "Tight JPEG quality " + quality,
                    Arrays.toString(ours), Arrays.toString(tiger), PairedRatios.describe(ours, tiger),
                    Arrays.toString(oursCpu), Arrays.toString(tigerCpu), PairedRatios.describe(oursCpu, tigerCpu),
                    Arrays.toString(oursCpuPixels), Arrays.toString(tigerCpuPixels),
                    PairedRatios.describe(oursCpuPixels, tigerCpuPixels));
        } finally {
            for (Process p : children) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** One round: updates Xvnc sent ours and vncviewer, the CPU seconds of ours and vncviewer, their Mpixels. */
    private static double[] round(XvncServer xvnc, int seconds, int quality, String oursDisplay, String tigerDisplay,
                                int number) throws Exception {
        int before = XvncClientStats.parse(xvnc.log()).size();
        List<String> installed = InstalledViewerRun.command();
        if (installed != null) {
            return roundInstalled(installed, xvnc, seconds, quality, oursDisplay, tigerDisplay, number, before);
        }
        // bench.oursOptions: JVM options for our viewer, separated by spaces (e.g. a flight recording).
        List<String> options = new ArrayList<>(List.of("-Dbench.hold=true"));
        String extra = System.getProperty("bench.oursOptions", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split(" +")));
        }
        Process oursProcess = OurViewerRun.start(options, System.getProperty("java.class.path"),
                xvnc, seconds, quality, "window", oursDisplay);
        Process tigerProcess = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(oursProcess.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = -1;
            for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
                Matcher m = PORT.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            // Odd rounds start ours first, even rounds vncviewer: whichever starts first has the server to itself
            // for a moment at the start, the other for as long at the end.
            boolean oursFirst = number % 2 == 1;
            if (oursFirst) {
                begin(oursProcess, out);
            }
            int accepted = count(xvnc.log(), "Connections: accepted");
            tigerProcess = BenchProcesses.vncviewer(xvnc.host(), xvnc.port(), quality, tigerDisplay);
            awaitAccepted(xvnc, accepted + 1);
            long tigerEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            if (!oursFirst) {
                begin(oursProcess, out);
            }
            CompletableFuture<Double> oursCpu = CompletableFuture.supplyAsync(() -> cpuLine(out));
            // Each viewer's session lasts the given seconds from its own start.
            TimeUnit.NANOSECONDS.sleep(Math.max(0, tigerEnd - System.nanoTime()));
            double tigerCpu = CpuClock.seconds(tigerProcess.pid());
            tigerProcess.destroy();
            tigerProcess.waitFor(10, TimeUnit.SECONDS);
            oursProcess.waitFor(seconds + 30L, TimeUnit.SECONDS);
            Thread.sleep(1000);
            return result(xvnc, before, port, oursCpu.get(30, TimeUnit.SECONDS), tigerCpu, number, oursFirst);
        } finally {
            oursProcess.destroy();
            if (tigerProcess != null) {
                tigerProcess.destroy();
            }
        }
    }

    /**
     * One round with our viewer as the installed command ({@link InstalledViewerRun}): each viewer's process runs
     * from its start until the given seconds after Xvnc accepted it, and its whole CPU is counted.
     */
    private static double[] roundInstalled(List<String> command, XvncServer xvnc, int seconds, int quality,
                                           String oursDisplay, String tigerDisplay, int number, int before)
            throws Exception {
        boolean oursFirst = number % 2 == 1;
        Process oursProcess = null;
        Process tigerProcess = null;
        try {
            int accepted = count(xvnc.log(), "Connections: accepted");
            if (oursFirst) {
                oursProcess = InstalledViewerRun.start(command, xvnc, oursDisplay, quality);
            } else {
                tigerProcess = BenchProcesses.vncviewer(xvnc.host(), xvnc.port(), quality, tigerDisplay);
            }
            awaitAccepted(xvnc, accepted + 1);
            long firstEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int firstPort = InstalledViewerRun.lastAcceptedPort(xvnc.log());
            if (oursFirst) {
                tigerProcess = BenchProcesses.vncviewer(xvnc.host(), xvnc.port(), quality, tigerDisplay);
            } else {
                oursProcess = InstalledViewerRun.start(command, xvnc, oursDisplay, quality);
            }
            awaitAccepted(xvnc, accepted + 2);
            long secondEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            int port = oursFirst ? firstPort : InstalledViewerRun.lastAcceptedPort(xvnc.log());
            TimeUnit.NANOSECONDS.sleep(Math.max(0, firstEnd - System.nanoTime()));
            double firstCpu = end(oursFirst ? oursProcess : tigerProcess, oursFirst);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, secondEnd - System.nanoTime()));
            double secondCpu = end(oursFirst ? tigerProcess : oursProcess, !oursFirst);
            Thread.sleep(1000);
            return result(xvnc, before, port, oursFirst ? firstCpu : secondCpu, oursFirst ? secondCpu : firstCpu,
                    number, oursFirst);
        } finally {
            for (Process p : new Process[] {oursProcess, tigerProcess}) {
                if (p != null) {
                    p.destroy();
                }
            }
        }
    }

    /** Reads a viewer's whole-process CPU seconds (ours' by kind of thread too) and ends it. */
    private static double end(Process viewer, boolean ours) throws InterruptedException {
        double cpu = CpuClock.seconds(viewer.pid());
        if (ours) {
            System.out.println("  ours: split whole process " + ThreadCpu.of(viewer.pid()).describe());
        }
        viewer.destroy();
        viewer.waitFor(10, TimeUnit.SECONDS);
        return cpu;
    }

    /** Xvnc's statistics of the round's two clients, printed and returned as {@link #round} returns them. */
    private static double[] result(XvncServer xvnc, int before, int port, double oursCpu, double tigerCpu, int number,
                                   boolean oursFirst) throws IOException {
        List<XvncClientStats> stats = XvncClientStats.parse(xvnc.log());
        XvncClientStats o = null;
        XvncClientStats t = null;
        for (XvncClientStats s : stats.subList(Math.min(before, stats.size()), stats.size())) {
            if (s.port() == port) {
                o = s;
            } else {
                t = s;
            }
        }
        if (o == null || t == null) {
            throw new IOException("Xvnc did not log both clients of round " + number + ": " + stats);
        }
        System.out.printf(Locale.ROOT, "round %d: ours %d updates (%.0f Mpixels, %.1f MiB, CPU %.2f s), "
                + "vncviewer %d (%.0f Mpixels, %.1f MiB, CPU %.2f s), ratio %.3f, %s first%n", number, o.updates(),
                o.mpixels(), o.mib(), oursCpu, t.updates(), t.mpixels(), t.mib(),
                tigerCpu, (double) o.updates() / t.updates(), oursFirst ? "ours" : "vncviewer");
        if (o.updates() == 0) {
            // Why the server sent ours nothing is in its own words about the connection.
            System.out.println("  Xvnc's log of this run:\n" + xvnc.log().strip().indent(4));
        }
        return new double[] {o.updates(), t.updates(), oursCpu, tigerCpu, o.mpixels(), t.mpixels()};
    }

    /** Tells our held viewer to start its counted session and waits until it has. */
    private static void begin(Process ours, BufferedReader out) throws IOException {
        ours.getOutputStream().write('\n');
        ours.getOutputStream().flush();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("measuring")) {
                return;
            }
        }
        throw new IOException("Our viewer ended before its session started");
    }

    /** Reads our viewer's remaining output for the CPU seconds of its counted session. */
    private static double cpuLine(BufferedReader out) {
        double cpu = Double.NaN;
        try {
            for (String line; (line = out.readLine()) != null; ) {
                double reported = OurViewerRun.cpuSeconds(line);
                if (!Double.isNaN(reported)) {
                    cpu = reported;
                } else if (line.startsWith("threads ") || line.startsWith("quality ")
                        || line.startsWith("start-up ") || line.startsWith("session ended")
                        || line.startsWith("updates ") || line.startsWith("split ")) {
                    System.out.println("  ours: " + line);
                }
            }
        } catch (IOException e) {
            // The process ended; what was read is the answer.
        }
        return cpu;
    }

    private static void awaitAccepted(XvncServer xvnc, int count) throws Exception {
        // A JVM's start on a busy machine can take several seconds before it connects.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(xvnc.log(), "Connections: accepted") < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("a viewer did not connect within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
