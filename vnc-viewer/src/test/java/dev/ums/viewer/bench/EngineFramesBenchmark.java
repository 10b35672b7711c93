package dev.ums.viewer.bench;

import com.shinyhut.vernacular.client.VernacularClient;
import com.shinyhut.vernacular.client.VernacularConfig;
import com.shinyhut.vernacular.client.rendering.ColorDepth;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Engines without a window: framebuffer updates received and decoded in a fixed time of a
 * 1920×1080 animation, our session against the vernacular library, both with Hextile (the best
 * encoding vernacular has) and counted by Xvnc. Arguments: seconds per run.
 */
public final class EngineFramesBenchmark {
    private static final Pattern UPDATES = Pattern.compile("Framebuffer updates: (\\d+)");

    private EngineFramesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Animation.class.getName(), "1920", "1080")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DISPLAY", xvnc.display());
            Process animation = pb.start();
            try {
                Thread.sleep(3000);
                for (int round = 1; round <= 2; round++) {
                    VncSettings.Builder tight = VncSettings.builder().encodings(Encoding.TIGHT).jpegQuality(6);
                    long pushed = runOurs(xvnc, seconds, tight.continuousUpdates(true).build());
                    long requested = runOurs(xvnc, seconds, tight.continuousUpdates(false).build());
                    System.out.printf("round %d, Tight JPEG 6, %d s: ours with continuous updates %d (%.1f/s), "
                            + "with one request in flight %d (%.1f/s)%n", round, seconds, pushed,
                            pushed / (double) seconds, requested, requested / (double) seconds);
                }
                for (int round = 1; round <= 2; round++) {
                    long ours = runOurs(xvnc, seconds);
                    long theirs = runVernacular(xvnc, seconds);
                    System.out.printf("round %d, Hextile, %d s: ours %d updates (%.1f/s), vernacular %d (%.1f/s), "
                            + "ratio %.1f%n", round, seconds, ours, ours / (double) seconds, theirs,
                            theirs / (double) seconds, ours / (double) Math.max(1, theirs));
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

    private static long lastCount(XvncServer xvnc) {
        Matcher m = UPDATES.matcher(xvnc.log());
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
