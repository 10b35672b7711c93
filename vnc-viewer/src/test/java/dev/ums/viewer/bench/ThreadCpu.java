package dev.ums.viewer.bench;

import dev.ums.testkit.process.ProcessThreads;
import dev.ums.testkit.process.ProcessThreads.ThreadTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a JVM's CPU went, by kind of thread, from {@code /proc/<pid>/task}: the JIT compilers, the garbage
 * collector, AWT and Swing, the VNC session's own threads (reader, writer, JPEG workers), the main thread, the JVM's
 * other threads, and threads that had already ended (the process's total less its live threads). Reads the kernel's
 * thread names (15 characters), so it covers the JVM's native threads that {@code ThreadMXBean} does not list.
 * Any thread may call it.
 */
final class ThreadCpu {
    /** The kinds in the order they are printed. */
    private static final String[] KINDS = {"jit", "gc", "awt", "session", "main", "jvm", "ended"};

    private final Map<String, Double> seconds;
    private final double total;

    private ThreadCpu(Map<String, Double> seconds, double total) {
        this.seconds = seconds;
        this.total = total;
    }

    /** The CPU seconds so far of process {@code pid}'s threads, by kind. */
    static ThreadCpu of(long pid) {
        List<ThreadTime> threads = ProcessThreads.of(pid);
        if (threads.isEmpty()) {
            return new ThreadCpu(Map.of(), Double.NaN);
        }
        Map<String, Double> byKind = new TreeMap<>();
        double live = 0;
        for (ThreadTime thread : threads) {
            double s = thread.ticks() / ProcessThreads.TICKS_PER_SECOND;
            byKind.merge(kind(thread.name()), s, Double::sum);
            live += s;
        }
        double total = CpuClock.seconds(pid);
        byKind.put("ended", Math.max(0, total - live));
        return new ThreadCpu(byKind, total);
    }

    /** The kind of thread a kernel thread name stands for. */
    static String kind(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Compiler")) {
            return "jit";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            // The VM thread runs the collections' safepoints (and little else in a viewer).
            return "gc";
        }
        if (name.startsWith("AWT-") || name.startsWith("Java2D") || name.startsWith("TimerQueue")
                || name.startsWith("Swing-")) {
            return "awt";
        }
        if (name.startsWith("vnc-")) {
            return "session";
        }
        // The java launcher's first thread and the Java main thread both keep the program's name.
        if (name.equals("java") || name.equals("main") || name.startsWith("ums")) {
            return "main";
        }
        return "jvm";
    }

    /** This reading less an earlier one of the same process: what each kind used in between. */
    ThreadCpu since(ThreadCpu earlier) {
        Map<String, Double> d = new TreeMap<>();
        for (String k : KINDS) {
            d.put(k, seconds.getOrDefault(k, 0.0) - earlier.seconds.getOrDefault(k, 0.0));
        }
        // A thread that ended in between moves its earlier seconds from its kind into "ended"; the totals still hold.
        return new ThreadCpu(d, total - earlier.total);
    }

    /** One line: "total T s: jit J, gc G, ..." in CPU seconds. */
    String describe() {
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String k : KINDS) {
            ordered.put(k, seconds.getOrDefault(k, 0.0));
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "total %.2f s:", total));
        ordered.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.2f", k, v)));
        return b.toString();
    }
}
