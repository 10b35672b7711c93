package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our viewer as an installed user runs it: the shipped command ({@code -Dbench.oursCommand}, e.g. the installer's
 * {@code installer/target/app-image/ums-console/bin/ums-console} or {@code java -jar launcher/target/ums.jar}) with
 * {@code viewer --vnc HOST:PORT} and nothing else, so its own runtime, JVM options, logging and window. Its whole
 * process is counted, as {@code vncviewer}'s is. Called from the benchmark's main thread only.
 */
final class InstalledViewerRun {
    private static final Pattern ACCEPTED = Pattern.compile("Connections: accepted: [^\\s:]+::(\\d+)");

    private InstalledViewerRun() {
    }

    /**
     * The command line of our viewer, split at spaces or commas (for a BENCH_OPTS that splits at spaces:
     * {@code java,-jar,launcher/target/ums.jar}), or null when the benchmark runs {@link OurViewerRun}.
     */
    static List<String> command() {
        String command = System.getProperty("bench.oursCommand", "").trim();
        return command.isEmpty() ? null : Arrays.asList(command.split("[ ,]+"));
    }

    /**
     * Starts {@code command viewer --vnc HOST:PORT} drawing on {@code display}, its output discarded; with its defaults
     * for {@link BenchProcesses#DEFAULTS}, else with the given JPEG quality (negative: lossless) and compression
     * level 2 fixed, as {@link BenchProcesses#vncviewer} fixes {@code vncviewer}'s.
     */
    static Process start(List<String> command, XvncServer xvnc, String display, int quality) throws IOException {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of("viewer", "--vnc", xvnc.host() + ":" + xvnc.port()));
        if (quality != BenchProcesses.DEFAULTS) {
            all.addAll(List.of("--quality", quality < 0 ? "lossless" : String.valueOf(quality), "--compress", "2"));
        }
        return BenchProcesses.startQuiet(BenchProcesses.viewerSide(all), display);
    }

    /** The client port of the last connection Xvnc accepted, or -1. */
    static int lastAcceptedPort(String log) {
        Matcher m = ACCEPTED.matcher(log);
        int port = -1;
        while (m.find()) {
            port = Integer.parseInt(m.group(1));
        }
        return port;
    }
}
