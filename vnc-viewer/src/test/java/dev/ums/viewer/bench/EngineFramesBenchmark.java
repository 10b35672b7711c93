package dev.ums.viewer.bench;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Engines without a window: framebuffer updates received and decoded in a fixed time of a
 * 1920×1080 animation, counted by Xvnc: our session with Tight JPEG against the vernacular library with
 * Hextile (the best encoding it has), then ours with Hextile too. Arguments: seconds per run, rounds.
 * {@code -Dbench.continuousModes=true} first compares our continuous updates with one request in flight.
 */
public final class EngineFramesBenchmark {
    private static long lastBytes;

    private EngineFramesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            Process animation = BenchProcesses.animation(xvnc.display(), 1920, 1080);
            try {
                Thread.sleep(3000);
                for (int round = 1; round <= rounds && Boolean.getBoolean("bench.continuousModes"); round++) {
                    VncSettings.Builder tight = VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(6);
                    long pushed = runOurs(xvnc, seconds, tight.continuousUpdates(true).build());
                    long requested = runOurs(xvnc, seconds, tight.continuousUpdates(false).build());
                    System.out.printf("round %d, Tight JPEG 6, %d s: ours with continuous updates %d (%.1f/s), "
                            + "with one request in flight %d (%.1f/s)%n", round, seconds, pushed,
                            pushed / (double) seconds, requested, requested / (double) seconds);
                }
                for (int round = 1; round <= rounds; round++) {
                    // Each at its best, as a user would run it: ours with Tight JPEG 6 (as the benchmark against
                    // vncviewer), vernacular with Hextile, the best it has. Then both with Hextile only.
                    long shipped = runOurs(xvnc, seconds, VncSettings.builder().jpegQuality(6).build());
                    long shippedBytes = lastBytes;
                    long theirs = runVernacular(xvnc, seconds);
                    long ours = runOurs(xvnc, seconds);
                    System.out.printf("round %d, %d s: ours (Tight JPEG 6) %d updates (%.0f bytes each), "
                            + "vernacular (Hextile) %d, ours (Hextile) %d; ratios %.1f at best, %.1f on Hextile%n",
                            round, seconds, shipped, shippedBytes / (double) Math.max(1, shipped), theirs, ours,
                            shipped / (double) Math.max(1, theirs), ours / (double) Math.max(1, theirs));
                }
            } finally {
                animation.destroy();
                animation.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long runOurs(XvncServer xvnc, int seconds) throws Exception {
        return runOurs(xvnc, seconds, VncSettings.builder().encodings(List.of(Encoding.HEXTILE, Encoding.RAW)).build());
    }

    private static long runOurs(XvncServer xvnc, int seconds, VncSettings settings) throws Exception {
        Socket socket = new Socket(xvnc.host(), xvnc.port());
        try (VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings).start()) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            lastBytes = session.bytesReceived();
        }
        Thread.sleep(1000);
        return lastCount(xvnc);
    }

    private static long runVernacular(XvncServer xvnc, int seconds) throws Exception {
        VernacularConfig config = new VernacularConfig();
        config.setColorDepth(ColorDepth.BPP_24_TRUE);
        config.setEnableHextileEncoding(true);
        config.setTargetFramesPerSecond(1000);
        config.setScreenUpdateListener(image -> { });
        VernacularClient client = new VernacularClient(config);
        client.start(xvnc.host(), xvnc.port());
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        client.stop();
        Thread.sleep(1000);
        return lastCount(xvnc);
    }

    /** Xvnc logs its statistics when a client leaves; the latest are those of the client just ended. */
    private static long lastCount(XvncServer xvnc) {
        List<XvncClientStats> all = XvncClientStats.parse(xvnc.log());
        return all.isEmpty() ? -1 : all.get(all.size() - 1).updates();
    }
}
