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
 * Arguments: seconds per run, JPEG quality. Needs DISPLAY unset; starts its own Xvfb.
 */
public final class ViewerFramesBenchmark {
    private static final Pattern UPDATES = Pattern.compile("Framebuffer updates: (\\d+)");

    private ViewerFramesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int quality = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        String classpath = System.getProperty("java.class.path");
        int outDisplay = freeDisplay(300);
        Process xvfb = new ProcessBuilder("Xvfb", ":" + outDisplay, "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<Process> children = new ArrayList<>(List.of(xvfb));
        try (XvncServer xvnc = XvncServer.start(1920, 1080)) {
            children.add(start(List.of(java(), "-cp", classpath, Animation.class.getName(), "1920", "1080"),
                    xvnc.display()));
            Thread.sleep(3000);
            Process ours = start(List.of(java(), "-Dbench.noDoubleBuffer=" + Boolean.getBoolean("bench.noDoubleBuffer"),
                    "-cp", classpath, OurViewerRun.class.getName(), xvnc.host(),
                    Integer.toString(xvnc.port()), Integer.toString(seconds), Integer.toString(quality),
                    System.getProperty("bench.ours", "window")), ":" + outDisplay);
            ours.waitFor(seconds + 30L, TimeUnit.SECONDS);
            Thread.sleep(1000);
            Process tiger = start(List.of("vncviewer", "-AutoSelect=0", "-PreferredEncoding=Tight",
                    "-QualityLevel=" + quality, "-CompressLevel=2", "-Shared", "-geometry", "1920x1080+0+0",
                    xvnc.host() + "::" + xvnc.port()), ":" + outDisplay);
            children.add(tiger);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            tiger.destroy();
            tiger.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(1000);
            List<Long> counts = new ArrayList<>();
            Matcher m = UPDATES.matcher(xvnc.log());
            while (m.find()) {
                counts.add(Long.parseLong(m.group(1)));
            }
            System.out.printf("Xvnc framebuffer updates in %d s (Tight, JPEG quality %d, 1920x1080): %s%n",
                    seconds, quality, counts);
            if (counts.size() >= 2) {
                // The last two clients are ours and vncviewer; earlier entries are readiness probes.
                long oursCount = counts.get(counts.size() - 2);
                long tigerCount = counts.get(counts.size() - 1);
                System.out.printf("ours %d (%.1f/s), TigerVNC vncviewer %d (%.1f/s), ratio %.2f%n",
                        oursCount, oursCount / (double) seconds, tigerCount, tigerCount / (double) seconds,
                        oursCount / (double) tigerCount);
            }
        } finally {
            for (Process p : children) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
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
