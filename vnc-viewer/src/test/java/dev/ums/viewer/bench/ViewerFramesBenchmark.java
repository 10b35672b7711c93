package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frames delivered in a fixed time of a 1920×1080 animation: our viewer window against TigerVNC's
 * {@code vncviewer}, one after the other, both drawing into the same Xvfb and both counted by
 * Xvnc itself ("Framebuffer updates" per client, logged when the client leaves).
 * Arguments: seconds per run, JPEG quality, rounds. Starts its own Xvfb for both viewers to draw into.
 */
public final class ViewerFramesBenchmark {
    private static final Pattern UPDATES = Pattern.compile("Framebuffer updates: (\\d+)");

    private ViewerFramesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int quality = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String classpath = System.getProperty("java.class.path");
        int outDisplay = freeDisplay(300);
        Process xvfb = new ProcessBuilder("Xvfb", ":" + outDisplay, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<Process> children = new ArrayList<>(List.of(xvfb));
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            children.add(start(List.of(java(), "-cp", classpath, Animation.class.getName(), "1920", "1080"),
                    xvnc.display()));
            Thread.sleep(3000);
            long oursTotal = 0;
            long tigerTotal = 0;
            for (int round = 1; round <= rounds; round++) {
                // Alternate the order so that warm-up and load drift do not favour one side.
                boolean oursFirst = round % 2 == 1;
                long ours = 0;
                long tiger = 0;
                for (int turn = 0; turn < 2; turn++) {
                    if ((turn == 0) == oursFirst) {
                        Process p = start(List.of(java(), "-cp", classpath, OurViewerRun.class.getName(), xvnc.host(),
                                Integer.toString(xvnc.port()), Integer.toString(seconds), Integer.toString(quality),
                                System.getProperty("bench.ours", "window")), ":" + outDisplay);
                        p.waitFor(seconds + 30L, TimeUnit.SECONDS);
                        Thread.sleep(1000);
                        ours = lastCount(xvnc);
                    } else {
                        Process p = start(List.of("vncviewer", "-AutoSelect=0", "-PreferredEncoding=Tight",
                                "-QualityLevel=" + quality, "-CompressLevel=2", "-Shared", "-geometry", "1920x1080+0+0",
                                xvnc.host() + "::" + xvnc.port()), ":" + outDisplay);
                        children.add(p);
                        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                        p.destroy();
                        p.waitFor(10, TimeUnit.SECONDS);
                        Thread.sleep(1000);
                        tiger = lastCount(xvnc);
                    }
                }
                System.out.printf("round %d: ours %d (%.1f/s), TigerVNC vncviewer %d (%.1f/s), ratio %.2f%n", round,
                        ours, ours / (double) seconds, tiger, tiger / (double) seconds, ours / (double) tiger);
                oursTotal += ours;
                tigerTotal += tiger;
            }
            System.out.printf("total over %d rounds of %d s (Tight, JPEG quality %d, 1920x1080): ours %d, "
                    + "TigerVNC vncviewer %d, ratio %.2f%n", rounds, seconds, quality, oursTotal, tigerTotal,
                    oursTotal / (double) tigerTotal);
        } finally {
            for (Process p : children) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Xvnc logs "Framebuffer updates: N" when a client leaves; the latest is the client just ended. */
    private static long lastCount(XvncServer xvnc) {
        Matcher m = UPDATES.matcher(xvnc.log());
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process start(List<String> command, String display) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("DISPLAY", display);
        return pb.start();
    }

    private static int freeDisplay(int from) throws IOException {
        for (int n = from; n < from + 100; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new IOException("No free X display number");
    }
}
