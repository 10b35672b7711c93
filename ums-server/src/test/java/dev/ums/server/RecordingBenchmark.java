package dev.ums.server;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.TcDirectory;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.vnc.Animation;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Not a test: updates per second of a live session with and without recording, in the same run, and the size
 * of a recording per minute. One server in this JVM; a device (FakeDevice's protocol) whose tunnel is pumped to a
 * real Xvnc at 1920×1080 showing testkit's {@link Animation}; the project's viewer ({@link VncSession}, defaults)
 * on the console's side of the server's relay. Rounds alternate recording off and on by the device's directory
 * setting, so both see the same machine state; then one idle session (a second Xvnc with nothing moving) is
 * recorded for its size. Run: {@code java -cp <ums-server test class path> dev.ums.server.RecordingBenchmark
 * [seconds] [rounds] [idleSeconds] [auto|lossless]}: the viewer's default quality (automatic), or, as a tuned run in
 * addition, fixed lossless so that the quality the viewer picks does not vary between rounds.
 */
public final class RecordingBenchmark {
    private static final String DIRS = "/umsapi/v3/directories/tcdirectories";

    private static VncSettings settings = VncSettings.defaults();

    private RecordingBenchmark() {
    }

    /** One measured session. */
    private record Round(boolean recorded, double updatesPerSecond, double mibPerSecondReceived, long fileBytes,
                         double seconds, long bytesAtFirstFrame, double writerCpuShare) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        if (args.length > 3 && args[3].equals("lossless")) {
            settings = VncSettings.builder().jpegQuality(VncSettings.LOSSLESS).build();
        }
        Path data = Files.createTempDirectory("ums-recording-bench-");
        try (UmsServer server = UmsServer.start(ServerConfig.forTests(data));
             XvncServer busy = XvncServer.start(1920, 1080);
             XvncServer idle = XvncServer.start(1920, 1080)) {
            Process animation = busy.startJavaClient(Animation.class, "1920", "1080");
            Thread.sleep(3000);
            RestClient rest = RestClient.asAdmin(server);
            TcDirectory dir = rest.put(DIRS + "/create", "{\"name\":\"Bench\"}").as(TcDirectory.class);
            HttpClient console = RestClient.pinnedClient(server);
            try (FakeDevice device = ServerDevices.enroll(server, "bench-1").connect()) {
                rest.put(DIRS + "/" + dir.id() + "?operation=move", "[{\"id\":\"" + device.id() + "\",\"type\":\"tc\"}]");
                session(rest, console, device, busy, 5, data);     // warm-up, not counted
                double[] sum = new double[2];
                int[] count = new int[2];
                long recordedBytes = 0;
                double recordedSeconds = 0;
                System.out.println("| round | recording | updates/s | MiB/s to the viewer | file MiB | writer CPU % |");
                System.out.println("|---|---|---:|---:|---:|---:|");
                for (int i = 0; i < rounds; i++) {
                    boolean on = i % 4 == 1 || i % 4 == 2;          // off, on, on, off, …: each first in turn
                    rest.put(DIRS + "/" + dir.id() + "/shadowsettings", "{\"recordSessions\":" + on + "}");
                    Round r = session(rest, console, device, busy, seconds, data);
                    sum[on ? 1 : 0] += r.updatesPerSecond();
                    count[on ? 1 : 0]++;
                    if (on) {
                        recordedBytes += r.fileBytes();
                        recordedSeconds += r.seconds();
                    }
                    System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %.1f |%n", i + 1, on ? "on" : "off",
                            r.updatesPerSecond(), r.mibPerSecondReceived(), r.fileBytes() / 1048576.0,
                            r.writerCpuShare() * 100);
                }
                if (rounds > 0) {
                    System.out.printf(Locale.ROOT, "mean updates/s: off %.1f, on %.1f (ratio %.3f)%n",
                            sum[0] / count[0], sum[1] / count[1], (sum[1] / count[1]) / (sum[0] / count[0]));
                    System.out.printf(Locale.ROOT, "1080p animation: %.1f MiB per minute recorded%n",
                            recordedBytes / 1048576.0 / recordedSeconds * 60);
                }

                rest.put(DIRS + "/" + dir.id() + "/shadowsettings", "{\"recordSessions\":true}");
                Round still = session(rest, console, device, idle, idleSeconds, data);
                System.out.printf(Locale.ROOT, "idle 1080p desktop: %.3f MiB per minute recorded (%d bytes in %.0f s, "
                        + "first screen included; %d bytes after it), %.1f updates/s%n",
                        still.fileBytes() / 1048576.0 / still.seconds() * 60, still.fileBytes(), still.seconds(),
                        still.fileBytes() - still.bytesAtFirstFrame(), still.updatesPerSecond());
            }
            animation.destroy();
        }
    }

    /** One session of {@code seconds} after its first frame; the recording's size if there is a new one. */
    private static Round session(RestClient rest, HttpClient console, FakeDevice device, XvncServer xvnc, int seconds,
                                 Path data) throws Exception {
        long filesBefore = recordingFiles(data);
        ShadowSession s = rest.post("/umsapi/v3/thinclients/" + device.id() + "/shadow", "{}", null)
                .as(ShadowSession.class);
        WebSocketEndpoint deviceSide = device.nextTunnel();
        Socket vnc = new Socket(xvnc.host(), xvnc.port());
        BytePump.start("bench-xvnc-tunnel", Endpoint.of(vnc), deviceSide, BytePump.DEFAULT_BOUND);
        WebSocketEndpoint consoleSide = WebSocketEndpoint.connect(console, URI.create(s.tunnelUrl()), s.token(),
                Duration.ofSeconds(10));
        VncSession viewer = new VncSession(consoleSide.input(), consoleSide.output(), settings).start();
        if (!viewer.awaitFirstFrame(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no first frame");
        }
        Thread.sleep(2000);                                         // the first screen reaches the file (flushed each second)
        Path file = data.resolve("recordings").resolve(s.sessionId() + ".umsrec");
        long atFirstFrame = Files.exists(file) ? Files.size(file) : 0;
        long updates0 = viewer.updateCount();
        long bytes0 = viewer.bytesReceived();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long updates = viewer.updateCount() - updates0;
        long bytes = viewer.bytesReceived() - bytes0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double writerCpu = recorderCpuNanos() / 1e9;
        viewer.close();
        consoleSide.close();
        vnc.close();
        Thread.sleep(1500);                                         // the recorder writes its end
        long size = Files.exists(file) ? Files.size(file) : 0;
        boolean recorded = recordingFiles(data) > filesBefore;
        return new Round(recorded, updates / elapsed, bytes / 1048576.0 / elapsed, size, elapsed, atFirstFrame,
                writerCpu / (elapsed + 2));
    }

    /** CPU time of the live recorders' writer threads so far (a recorder's thread lives as long as its session). */
    private static long recorderCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("ums-recorder-")) {
                total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long recordingFiles(Path data) throws IOException {
        Path dir = data.resolve("recordings");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
