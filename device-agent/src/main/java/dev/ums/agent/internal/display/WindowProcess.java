package dev.ums.agent.internal.display;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one of the agent's windows (the consent dialog, the session indicator) on an X display as a small,
 * quick-starting child JVM with {@code DISPLAY} set: the agent runs without a display of its own and stays free
 * of Swing. The child's standard output is its answer to the agent; its standard input is a pipe the agent holds
 * open for its life, so the child can tell when the agent is gone ({@link ParentWatch}); its standard error is
 * discarded. Any thread.
 */
public final class WindowProcess {
    private WindowProcess() {
    }

    /**
     * Starts {@code window}'s {@code main} with {@code args} on {@code display} in a JVM of at most {@code heapMiB}
     * MiB of heap.
     */
    public static Process start(String display, int heapMiB, Class<?> window, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMiB + "m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), window.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", display);
        return builder.start();
    }
}
