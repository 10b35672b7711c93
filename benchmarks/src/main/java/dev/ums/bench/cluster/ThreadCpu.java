package dev.ums.bench.cluster;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one JVM's CPU went between two moments, by kind of thread: the ticks (1/100 s) of each thread from
 * {@code /proc/<pid>/task/<tid>/stat}, grouped by the thread's name (the JIT compilers, the collector, the server's
 * {@code ums-http} pool that runs the TLS handshakes, HTTP and WebSocket work, the rest), so that a node's CPU per
 * device taken back can be split into the work on the devices and the JVM's own. A thread that ended meanwhile takes
 * its ticks with it; one that started counts from zero. Main thread only.
 */
final class ThreadCpu {
    static final String COMPILERS = "JIT compilers";
    static final String COLLECTOR = "collector";
    static final String POOL = "ums-http pool";
    static final String OTHERS = "other threads";

    private final long pid;
    private Map<Long, Reading> start = Map.of();

    ThreadCpu(long pid) {
        this.pid = pid;
    }

    /** Takes the first reading. */
    void begin() {
        start = byThread();
    }

    /**
     * Each kind's CPU seconds since {@link #begin()}, largest first, and how much of all of it was the kernel's
     * (system time: system calls, scheduling), as one sentence.
     */
    String since() {
        Map<String, Long> ticks = new TreeMap<>();
        long system = 0;
        for (Map.Entry<Long, Reading> t : byThread().entrySet()) {
            Reading before = start.getOrDefault(t.getKey(), new Reading("", 0, 0));
            ticks.merge(kind(t.getValue().name()), t.getValue().ticks() - before.ticks(), Long::sum);
            system += t.getValue().systemTicks() - before.systemTicks();
        }
        StringBuilder out = new StringBuilder();
        ticks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", e.getKey(),
                        e.getValue() / 100.0)));
        return out.append(String.format(Locale.ROOT, "; system time %.1f s of it", system / 100.0)).toString();
    }

    /** The kind of a thread by its name as {@code /proc} gives it (at most 15 characters). */
    static String kind(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return COMPILERS;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return COLLECTOR;
        }
        if (name.startsWith("ums-http")) {
            return POOL;
        }
        return OTHERS;
    }

    /** A thread's name, its user plus system ticks, and its system ticks. */
    private record Reading(String name, long ticks, long systemTicks) {
    }

    private Map<Long, Reading> byThread() {
        Map<Long, Reading> out = new LinkedHashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(Long.parseLong(task.getFileName().toString()),
                            new Reading(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[12])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            // the process is gone: no threads
        }
        return out;
    }
}
