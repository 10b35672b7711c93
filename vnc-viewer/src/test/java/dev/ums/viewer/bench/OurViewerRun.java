package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncAddress;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncSnapshot;
import dev.ums.viewer.VncView;
import dev.ums.viewer.VncViewerWindow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.SwingUtilities;

/** Runs our viewer window against a server for a fixed time, the way {@code ums viewer} does. */
public final class OurViewerRun {
    private static final Pattern CPU_LINE = Pattern.compile("^cpu ([0-9.]+)");

    private OurViewerRun() {
    }

    /**
     * Runs this class in a JVM of its own with {@code jvmOptions}, drawing on {@code display} (pinned to the viewer
     * side's CPU when the benchmark pins); its output and errors are the process's input, one line each of "port N",
     * "ready" (with {@code -Dbench.hold=true}), "measuring" and "cpu S" among them.
     */
    static Process start(List<String> jvmOptions, String classpath, XvncServer xvnc, int seconds, int quality,
                         String mode, String display) throws IOException {
        List<String> command = new ArrayList<>(List.of(BenchProcesses.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, OurViewerRun.class.getName(), xvnc.host(),
                Integer.toString(xvnc.port()), Integer.toString(seconds), Integer.toString(quality), mode));
        ProcessBuilder pb = new ProcessBuilder(BenchProcesses.viewerSide(command)).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        return pb.start();
    }

    /** The CPU seconds of the counted session that a "cpu S" line of the output reports; NaN for other lines. */
    static double cpuSeconds(String line) {
        Matcher m = CPU_LINE.matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        VncAddress address = new VncAddress(args[0], Integer.parseInt(args[1]));
        int seconds = Integer.parseInt(args[2]);
        int quality = Integer.parseInt(args[3]);
        VncSettings.Builder builder = VncSettings.builder();
        if (quality != BenchProcesses.DEFAULTS) {
            builder.encodings(Encoding.TIGHT, Encoding.ZRLE, Encoding.HEXTILE, Encoding.RAW)
                    .jpegQuality(quality).compressionLevel(2);
        }
        // bench.compression=N: a tuned run with the compression level fixed (the quality stays automatic with -2).
        Integer compression = Integer.getInteger("bench.compression");
        if (compression != null) {
            builder.compressionLevel(compression);
        }
        VncSettings settings = builder
                .continuousUpdates(!"false".equals(System.getProperty("bench.continuous")))
                .jpegThreads(Integer.getInteger("bench.jpegThreads", VncSettings.defaults().jpegThreads()))
                .build();
        boolean withWindow = args.length < 5 || !args[4].equals("decode-only");
        // bench.warmup=S: a first session of S seconds, not counted, as a console's earlier session would have
        // left the JVM; Xvnc's count of the session after it is the one the benchmark reads.
        int warmup = Integer.getInteger("bench.warmup", 0);
        if (warmup > 0) {
            VncViewerWindow[] first = new VncViewerWindow[1];
            VncSession earlier = open(address, settings, withWindow, first);
            earlier.start();
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            earlier.close();
            earlier.awaitClosed(5, TimeUnit.SECONDS);
            SwingUtilities.invokeAndWait(() -> {
                if (first[0] != null) {
                    first[0].frame().dispose();
                }
            });
        }
        VncSession session = open(address, settings, withWindow, new VncViewerWindow[1]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> threadCpu0 = threadCpu(threads);
        long cpu0 = os.getProcessCpuTime();
        ThreadCpu split0 = ThreadCpu.of(ProcessHandle.current().pid());
        long startUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        if (Boolean.getBoolean("bench.hold")) {
            // A benchmark that starts another viewer alongside says when our session is to begin.
            System.out.println("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        // The benchmark reads this line: the counted session starts now.
        System.out.println("measuring");
        session.start();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long processCpu = os.getProcessCpuTime();
        ThreadCpu split = ThreadCpu.of(ProcessHandle.current().pid());
        // The benchmark reads this line: CPU seconds of the session's lifetime, JVM start-up excluded (the JVM's
        // start, the connection and the window, as the "start-up" line gives them); with
        // bench.countStartUp=true the whole process's, as vncviewer's is counted from its start.
        long cpu = Boolean.getBoolean("bench.countStartUp") ? processCpu : processCpu - cpu0;
        System.out.printf(Locale.ROOT, "cpu %.2f%n", cpu / 1e9);
        System.out.printf(Locale.ROOT, "start-up (JVM, connection, window) %.2f s of CPU, JVM up %.1f s at the start%n",
                cpu0 / 1e9, startUptimeMillis / 1e3);
        StringBuilder perThread = new StringBuilder("threads (CPU s):");
        threadCpu(threads).entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - threadCpu0.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 50_000_000L)
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .forEach(e -> {
                    ThreadInfo info = threads.getThreadInfo(e.getKey());
                    perThread.append(String.format(Locale.ROOT, " %s %.2f",
                            info == null ? "?" : info.getThreadName(), e.getValue() / 1e9));
                });
        System.out.println(perThread);
        // By kind of thread, the JVM's native ones included: before the session, and during it.
        System.out.println("split start-up " + split0.describe());
        System.out.println("split session " + split.since(split0).describe());
        System.out.println("updates " + session.updateCount() + " bytes " + session.bytesReceived());
        if (session.isClosed()) {
            // A round in which ours received nothing says why, instead of a silent zero.
            System.out.println("session ended early: "
                    + (session.error() == null ? "closed" : session.error().getMessage()));
        }
        // With both viewers' defaults the quality is the automatic selection's: which one it ended in.
        System.out.println("quality at the end " + session.quality().describe() + ", Tight rectangles "
                + session.rectangleCount(Encoding.TIGHT));
        session.close();
        session.awaitClosed(5, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static VncSession open(VncAddress address, VncSettings settings, boolean withWindow,
                                   VncViewerWindow[] window) throws Exception {
        Socket socket = VncSnapshot.connect(address);
        // The benchmark reads this line: Xvnc names the client by this port in its statistics.
        System.out.println("port " + socket.getLocalPort());
        VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings);
        SwingUtilities.invokeAndWait(() -> {
            if (!withWindow) {
                return;
            }
            if (Boolean.getBoolean("bench.noDoubleBuffer")) {
                javax.swing.RepaintManager.currentManager(null).setDoubleBufferingEnabled(false);
            }
            window[0] = new VncViewerWindow(session, "bench");
            window[0].view().setScaling(VncView.Scaling.ACTUAL_SIZE);
            window[0].show();
            window[0].frame().setBounds(0, 0, 1920, 1080);
        });
        return session;
    }

    private static Map<Long, Long> threadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }
}
