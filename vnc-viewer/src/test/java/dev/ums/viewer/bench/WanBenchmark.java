package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.Animation;
import dev.ums.testkit.vnc.XvncServer;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Our viewer and TigerVNC's {@code vncviewer}, both with their default settings, connected at the same time to one
 * 1920×1080 Xvnc over shaped links: each viewer through a {@link DelayRelay} of its own (20 ms each way, so 40 ms
 * round trip) whose traffic to Xvnc passes a token bucket ({@link LinkShaper}) at the profile's rate. Runs in a
 * network namespace of its own ({@code unshare -n}, see {@code vnc-viewer/bench/run-wan.sh}).
 * <p>Per profile and workload (the animation, a photo slideshow, typing into an xterm), each round has two
 * sessions per viewer, the start order alternating between rounds: a counted one of {@code seconds}, after which
 * Xvnc's per-client statistics give updates and bytes; then a picture one, where the workload is paused
 * ({@code SIGSTOP}) and once both links have gone quiet ({@link Settling}) each viewer's screen is compared with
 * Xvnc's (PSNR), and in the typing workload key presses are sent into each viewer's window and timed until its
 * pixels change.
 * Arguments: seconds per counted session, rounds, profiles in Mbit/s (comma-separated), workloads
 * (comma-separated). Prints a Markdown table at the end. Threads: {@code main}, and one more that reads
 * {@code vncviewer}'s screen while {@code main} reads ours.
 */
public final class WanBenchmark {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final String OURS_SOURCE = "127.0.0.2";
    private static final String TIGER_SOURCE = "127.0.0.3";
    /**
     * After the pause: at least 2 s, then 1 s without data on either link, at most 45 s (at 2 Mbit/s the lossless
     * refresh of a paused slideshow went on for 29-34 s after the pause).
     */
    private static final Settling SETTLING = new Settling(
            TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("wan.settleMillis", 2000)),
            TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("wan.quietMillis", 1000)),
            TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("wan.settleMaxMillis", 45000)));
    private static final int KEYS = Integer.getInteger("wan.keys", 10);
    /**
     * Extra options for our viewer's JVM ({@code -Dwan.oursJvm="-Dlogback.configurationFile=trace.xml"}, space
     * separated), for looking into a figure: the viewer's defaults stay as they are.
     */
    private static final List<String> OURS_JVM_OPTIONS = System.getProperty("wan.oursJvm", "").isBlank() ? List.of()
            : List.of(System.getProperty("wan.oursJvm").trim().split(" +"));

    /**
     * Class path put before the benchmark's own in our viewer's JVM ({@code -Dwan.oursClassPathFirst=DIR}), to set
     * another build of the viewer against this one in alternating runs.
     */
    private static final String OURS_CLASS_PATH_FIRST = System.getProperty("wan.oursClassPathFirst", "").isBlank() ? ""
            : System.getProperty("wan.oursClassPathFirst") + java.io.File.pathSeparator;

    private final XvncServer xvnc;
    private final DelayRelay oursRelay;
    private final DelayRelay tigerRelay;
    private final String oursDisplay;
    private final String tigerDisplay;
    private final Path logDir;

    private WanBenchmark(XvncServer xvnc, DelayRelay oursRelay, DelayRelay tigerRelay, String oursDisplay,
                         String tigerDisplay, Path logDir) {
        this.xvnc = xvnc;
        this.oursRelay = oursRelay;
        this.tigerRelay = tigerRelay;
        this.oursDisplay = oursDisplay;
        this.tigerDisplay = tigerDisplay;
        this.logDir = logDir;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String[] profiles = (args.length > 2 ? args[2] : "10,2").split(",");
        String[] workloads = (args.length > 3 ? args[3] : "animation,slideshow,typing").split(",");
        String[] displays = System.getProperty("wan.displays", "81,82").split(",");
        Path logDir = Path.of(System.getProperty("wan.logDir", "target/wan"));
        java.nio.file.Files.createDirectories(logDir);
        LinkShaper shaper = LinkShaper.inOwnNamespace(List.of(OURS_SOURCE, TIGER_SOURCE));
        List<Process> children = new ArrayList<>();
        List<WanResult> results = new ArrayList<>();
        try {
            children.add(xvfb(displays[0]));
            children.add(xvfb(displays[1]));
            try (XvncServer xvnc = XvncServer.start(WIDTH, HEIGHT);
                 DelayRelay ours = new DelayRelay(OURS_SOURCE, xvnc.port(), 20);
                 DelayRelay tiger = new DelayRelay(TIGER_SOURCE, xvnc.port(), 20)) {
                WanBenchmark bench = new WanBenchmark(xvnc, ours, tiger, ":" + displays[0], ":" + displays[1], logDir);
                for (String profile : profiles) {
                    long rate = Math.round(Double.parseDouble(profile) * 1_000_000);
                    shaper.rate(rate);
                    for (String workload : workloads) {
                        Process load = bench.startWorkload(workload);
                        try {
                            Thread.sleep(3000);
                            for (int round = 1; round <= rounds; round++) {
                                WanResult r = bench.round(LinkShaper.describe(rate), workload, seconds, round);
                                System.out.println(r.line());
                                results.add(r);
                            }
                        } finally {
                            end(load);
                        }
                    }
                    System.out.println(shaper.statistics());
                }
                // Its per-client encoder statistics, to look at when a figure needs explaining.
                java.nio.file.Files.writeString(logDir.resolve("xvnc.log"), xvnc.log());
            }
        } finally {
            for (Process p : children) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        System.out.println();
        System.out.print(WanResult.table(results, seconds));
    }

    /** Ends a workload, forcibly if it has not ended 5 s after being asked, so none runs on behind the next. */
    private static void end(Process load) throws InterruptedException {
        load.destroy();
        if (!load.waitFor(5, TimeUnit.SECONDS)) {
            load.destroyForcibly();
            load.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process startWorkload(String workload) throws IOException, InterruptedException {
        return switch (workload) {
            case "animation" -> xvnc.startJavaClient(Animation.class, Integer.toString(WIDTH), Integer.toString(HEIGHT));
            case "slideshow" -> xvnc.startJavaClient(Slideshow.class, Integer.toString(WIDTH), Integer.toString(HEIGHT),
                    "1000");
            case "typing" -> {
                Process xterm = BenchProcesses.startQuiet(List.of("xterm", "-geometry", "100x30+0+0", "-e", "cat"),
                        xvnc.display());
                Thread.sleep(1500);
                // Keys typed on the server side go to the window under the pointer.
                xvnc.runClient("xdotool", "mousemove", "550", "350");
                yield xterm;
            }
            default -> throw new IllegalArgumentException("Unknown workload " + workload
                    + "; known: animation, slideshow, typing");
        };
    }

    private WanResult round(String profile, String workload, int seconds, int round) throws Exception {
        boolean oursFirst = round % 2 == 1;
        // The counted session.
        Process typist = workload.equals("typing") ? typist(seconds) : null;
        Sessions counted = Sessions.start(this, oursFirst);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        counted.stop();
        if (typist != null) {
            stopTyping(typist);
        }
        Thread.sleep(1000);
        List<XvncClientStats> stats = XvncClientStats.parse(xvnc.log());
        XvncClientStats o = find(stats, last(oursRelay.upstreamPorts()));
        XvncClientStats t = find(stats, last(tigerRelay.upstreamPorts()));
        // The picture session.
        Sessions picture = Sessions.start(this, oursFirst);
        double[] oursLatency = new double[0];
        double[] tigerLatency = new double[0];
        PictureMatch om;
        PictureMatch tm;
        try {
            Thread.sleep(5000);
            long pid = workload.equals("typing") ? -1 : workloadPid(workload);
            signal(pid, "STOP");
            long paused = System.nanoTime();
            try {
                long settled = settle(paused);
                BufferedImage server = PictureMatch.grab(xvnc.display());
                // Both viewers' screens at once: read one after the other (0.4-0.6 s each), the second had that much
                // longer for its refresh to arrive.
                FutureTask<BufferedImage> tigerGrab = new FutureTask<>(() -> PictureMatch.grab(tigerDisplay));
                Thread grabbing = new Thread(tigerGrab, "grab-vncviewer");
                grabbing.start();
                BufferedImage oursScreen = PictureMatch.grab(oursDisplay);
                BufferedImage tigerScreen = tigerScreen(tigerGrab);
                System.out.printf(Locale.ROOT, "  screens read %.1f s after the pause%n", settled / 1e9);
                om = PictureMatch.of(server, oursScreen);
                tm = PictureMatch.of(server, tigerScreen);
                // The compared screens, to look at when a figure needs explaining.
                String stem = profile.replace(" ", "").replace("/", "") + "-" + workload + "-" + round;
                javax.imageio.ImageIO.write(server, "png", logDir.resolve(stem + "-xvnc.png").toFile());
                javax.imageio.ImageIO.write(oursScreen, "png", logDir.resolve(stem + "-ours.png").toFile());
                javax.imageio.ImageIO.write(tigerScreen, "png", logDir.resolve(stem + "-vncviewer.png").toFile());
            } finally {
                signal(pid, "CONT");
            }
            if (workload.equals("typing")) {
                double[][] latency = latencies(om, tm, oursFirst);
                oursLatency = latency[0];
                tigerLatency = latency[1];
            }
        } finally {
            picture.stop();
        }
        return new WanResult(profile, workload, round, oursFirst, o, t, counted.oursSeconds(), counted.tigerSeconds(),
                om, tm, oursLatency, tigerLatency);
    }

    /** Waits until the screens may be read ({@link Settling}); returns how long after the pause that is. */
    private long settle(long paused) throws InterruptedException {
        for (long wait; (wait = SETTLING.remaining(paused, System.nanoTime(), oursRelay.lastDelivered(),
                tigerRelay.lastDelivered())) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        }
        return System.nanoTime() - paused;
    }

    private static BufferedImage tigerScreen(FutureTask<BufferedImage> grab) throws Exception {
        try {
            return grab.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Key presses alternately into each viewer's window, timed until the xterm's pixels change in that window. */
    private double[][] latencies(PictureMatch om, PictureMatch tm, boolean oursFirst) throws Exception {
        // Without a window manager nobody gives vncviewer's window the keyboard focus; ours takes it on the click.
        BenchProcesses.startQuiet(List.of("xdotool", "search", "--onlyvisible", "--class", "TigerVNC",
                "windowfocus"), tigerDisplay).waitFor(10, TimeUnit.SECONDS);
        try (KeyProbe ours = new KeyProbe(oursDisplay, om); KeyProbe tiger = new KeyProbe(tigerDisplay, tm)) {
            double[] o = new double[KEYS];
            double[] t = new double[KEYS];
            for (int i = 0; i < KEYS; i++) {
                boolean oursNow = (i % 2 == 0) == oursFirst;
                o[i] = (oursNow ? ours : tiger).key();
                Thread.sleep(400);
                t[i] = (oursNow ? tiger : ours).key();
                Thread.sleep(400);
                if (!oursNow) {
                    double swap = o[i];
                    o[i] = t[i];
                    t[i] = swap;
                }
            }
            return new double[][] {o, t};
        }
    }

    private static final String PHRASE = "the quick brown fox jumps over the lazy dog ";

    /**
     * Types on the server side at about ten characters a second, as someone working in the terminal, for about as
     * long as the counted session lasts, so that it ends by itself.
     */
    private Process typist(int seconds) throws IOException {
        String text = PHRASE.repeat(seconds * 10 / PHRASE.length() + 1).substring(0, Math.max(1, seconds * 10 - 5));
        return BenchProcesses.startQuiet(List.of("xdotool", "type", "--delay", "100", text), xvnc.display());
    }

    /**
     * Lets the typist finish, ending it if it has not after 5 s; then releases every key it types. Ended between a
     * key's press and its release, {@code xdotool} left that key down in Xvnc, whose auto-repeat then filled the
     * xterm for the rest of the workload: the key probe's screen never stood still, and both viewers' latencies
     * came out as timeouts or 2.8 s.
     */
    private void stopTyping(Process typist) throws IOException, InterruptedException {
        if (!typist.waitFor(5, TimeUnit.SECONDS)) {
            typist.destroy();
            typist.waitFor(5, TimeUnit.SECONDS);
        }
        List<String> keyup = new ArrayList<>(List.of("xdotool", "keyup"));
        PHRASE.chars().distinct().mapToObj(c -> c == ' ' ? "space" : Character.toString(c)).forEach(keyup::add);
        BenchProcesses.startQuiet(keyup, xvnc.display()).waitFor(10, TimeUnit.SECONDS);
    }

    private long workloadPid(String workload) throws IOException, InterruptedException {
        String main = workload.equals("animation") ? Animation.class.getName() : Slideshow.class.getName();
        Process p = new ProcessBuilder("pgrep", "-f", "-n", main).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return out.isEmpty() ? -1 : Long.parseLong(out.lines().findFirst().orElseThrow());
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        if (pid > 0) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        }
    }

    private static int last(List<Integer> ports) throws IOException {
        if (ports.isEmpty()) {
            throw new IOException("A viewer never connected through its relay");
        }
        return ports.get(ports.size() - 1);
    }

    private static XvncClientStats find(List<XvncClientStats> stats, int port) throws IOException {
        for (int i = stats.size() - 1; i >= 0; i--) {
            if (stats.get(i).port() == port) {
                return stats.get(i);
            }
        }
        throw new IOException("Xvnc logged no statistics for the client on port " + port);
    }

    private static Process xvfb(String number) throws IOException {
        // Larger than the remote desktop, so both viewers' windows show it whole at 1:1 with their chrome.
        return new ProcessBuilder("Xvfb", ":" + number, "-screen", "0", "2048x1280x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Both viewers connected through their relays, started in the round's order; stopped together. */
    private static final class Sessions {
        private final Process ours;
        private final Process tiger;
        private final long oursStart;
        private final long tigerStart;
        private long stop;

        private Sessions(Process ours, Process tiger, long oursStart, long tigerStart) {
            this.ours = ours;
            this.tiger = tiger;
            this.oursStart = oursStart;
            this.tigerStart = tigerStart;
        }

        static Sessions start(WanBenchmark b, boolean oursFirst) throws Exception {
            Process first = null;
            Process second = null;
            long firstStart;
            long secondStart;
            try {
                first = oursFirst ? b.startOurs() : b.startTiger();
                firstStart = b.awaitConnected(oursFirst ? b.oursRelay : b.tigerRelay, first);
                second = oursFirst ? b.startTiger() : b.startOurs();
                secondStart = b.awaitConnected(oursFirst ? b.tigerRelay : b.oursRelay, second);
            } catch (Exception e) {
                for (Process p : new Process[] {first, second}) {
                    if (p != null) {
                        p.destroy();
                    }
                }
                throw e;
            }
            return oursFirst ? new Sessions(first, second, firstStart, secondStart)
                    : new Sessions(second, first, secondStart, firstStart);
        }

        void stop() throws InterruptedException {
            stop = System.nanoTime();
            ours.destroy();
            tiger.destroy();
            ours.waitFor(10, TimeUnit.SECONDS);
            tiger.waitFor(10, TimeUnit.SECONDS);
        }

        double oursSeconds() {
            return (stop - oursStart) / 1e9;
        }

        double tigerSeconds() {
            return (stop - tigerStart) / 1e9;
        }
    }

    private Process startOurs() throws IOException {
        List<String> command = new ArrayList<>(List.of(BenchProcesses.java()));
        command.addAll(OURS_JVM_OPTIONS);
        command.addAll(List.of("-cp", OURS_CLASS_PATH_FIRST + System.getProperty("java.class.path"),
                WanViewer.class.getName(), "127.0.0.1",
                Integer.toString(oursRelay.port())));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logDir.resolve("ours.log").toFile()));
        pb.environment().put("DISPLAY", oursDisplay);
        return pb.start();
    }

    private Process startTiger() throws IOException {
        // Its defaults (automatic selection); only the window's place is given, so the picture is found quickly.
        ProcessBuilder pb = new ProcessBuilder("vncviewer", "-geometry", "+0+0", "127.0.0.1::" + tigerRelay.port())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logDir.resolve("vncviewer.log").toFile()));
        pb.environment().put("DISPLAY", tigerDisplay);
        return pb.start();
    }

    /** Waits until the relay has connected one more client to Xvnc; returns when. */
    private long awaitConnected(DelayRelay relay, Process viewer) throws Exception {
        int before = relay.upstreamPorts().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (relay.upstreamPorts().size() == before) {
            if (!viewer.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("A viewer did not connect within 20 s (see " + logDir + ")");
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    /** A {@link KeyLatencyProbe} process on one viewer's display, aimed at the xterm in that viewer's picture. */
    private static final class KeyProbe implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;
        private final PictureMatch match;

        KeyProbe(String display, PictureMatch match) throws IOException {
            this.match = match;
            ProcessBuilder pb = new ProcessBuilder(BenchProcesses.java(), "-cp", System.getProperty("java.class.path"),
                    KeyLatencyProbe.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("DISPLAY", display);
            process = pb.start();
            in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            // The pointer over the xterm's lower right, away from the text, in both viewers (the remote pointer
            // must be over the xterm for it to get the keys).
            in.println("focus " + (match.offset().x + 550) + " " + (match.offset().y + 350));
            out.readLine();
        }

        double key() throws IOException {
            in.println("key " + match.offset().x + " " + match.offset().y + " 520 300");
            String line = out.readLine();
            if (line == null || !line.startsWith("latency ")) {
                throw new IOException("The key latency probe ended");
            }
            return Double.parseDouble(line.substring("latency ".length()));
        }

        @Override
        public void close() throws InterruptedException {
            in.close();
            process.waitFor(5, TimeUnit.SECONDS);
            process.destroy();
        }
    }
}
