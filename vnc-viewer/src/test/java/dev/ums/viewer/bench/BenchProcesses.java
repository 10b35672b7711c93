package dev.ums.viewer.bench;

import dev.ums.testkit.vnc.Animation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting the processes the frame benchmarks run: a JVM like this one, X programs on a given display, Xvfb. With
 * {@code -Dbench.pin=true} the server side (Xvnc and the animation) runs on CPU 0 and the viewer side (viewers and
 * the Xvfb they draw into) on CPU 1, as if the device and the administrator's machine had a core each.
 */
final class BenchProcesses {
    private static final boolean PIN = Boolean.getBoolean("bench.pin");
    /** The quality argument that runs both viewers with their default settings. */
    static final int DEFAULTS = -2;

    private BenchProcesses() {
    }

    /** The {@code java} launcher for our viewer: {@code -Dbench.java=PATH}, else the running JVM's. */
    static String java() {
        return System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code command} to run on the viewer side's CPU when pinning. */
    static List<String> viewerSide(List<String> command) {
        return pinned("1", command);
    }

    /** Moves the running Xvnc (all its threads) to the server side's CPU when pinning. */
    static void pinServer(long pid) throws IOException, InterruptedException {
        if (PIN) {
            new ProcessBuilder("taskset", "-a", "-p", "-c", "0", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static List<String> pinned(String cpus, List<String> command) {
        if (!PIN) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of("taskset", "-c", cpus));
        all.addAll(command);
        return all;
    }

    /** {@code command} with {@code DISPLAY} set, its output mixed into ours. */
    static Process start(List<String> command, String display) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("DISPLAY", display);
        return pb.start();
    }

    /**
     * TigerVNC's viewer as ours is run: Tight with JPEG at {@code quality} (lossless when it is -1), compression
     * level 2, 1920×1080 at (0, 0); with {@code quality} {@link #DEFAULTS} its own defaults (automatic selection).
     */
    static Process vncviewer(String host, int port, int quality, String display) throws IOException {
        if (quality == DEFAULTS) {
            return start(viewerSide(List.of("vncviewer", "-Shared", "-geometry", "1920x1080+0+0",
                    host + "::" + port)), display);
        }
        return start(viewerSide(List.of("vncviewer", "-AutoSelect=0", "-PreferredEncoding=Tight",
                quality < 0 ? "-NoJPEG" : "-QualityLevel=" + quality, "-CompressLevel=2", "-Shared",
                "-RemoteResize=0", "-geometry", "1920x1080+0+0", host + "::" + port)), display);
    }

    /** {@code command} with {@code DISPLAY} set, its output discarded. */
    static Process startQuiet(List<String> command, String display) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display);
        return pb.start();
    }

    /** The benchmark animation (this JVM's class path) full screen on {@code display}. */
    static Process animation(String display, int width, int height) throws IOException {
        return start(pinned("0", List.of(java(), "-cp", System.getProperty("java.class.path"),
                Animation.class.getName(), Integer.toString(width), Integer.toString(height))), display);
    }

    /** A 1920×1080 Xvfb at {@code :display} for a viewer to draw into. */
    static Process xvfb(int display) throws IOException {
        return new ProcessBuilder(viewerSide(List.of("Xvfb", ":" + display, "-screen", "0", "1920x1080x24",
                "-nolisten", "tcp")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The first display number from {@code from} that no X server holds. */
    static int freeDisplay(int from) throws IOException {
        for (int n = from; n < from + 100; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new IOException("No free X display number");
    }
}
