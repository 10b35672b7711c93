package dev.ums.bench.cluster;

import dev.ums.testkit.process.ProcessThreads;
import dev.ums.testkit.process.ProcessThreads.ThreadTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    private Map<Long, ThreadTime> start = Map.of();

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
        for (ThreadTime now : byThread().values()) {
            ThreadTime before = start.getOrDefault(now.tid(), new ThreadTime(now.tid(), now.name(), 0, 0));
            ticks.merge(kind(now.name()), now.ticks() - before.ticks(), Long::sum);
            system += now.systemTicks() - before.systemTicks();
        }
        StringBuilder out = new StringBuilder();
        ticks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", e.getKey(),
                        e.getValue() / ProcessThreads.TICKS_PER_SECOND)));
        return out.append(String.format(Locale.ROOT, "; system time %.1f s of it",
                system / ProcessThreads.TICKS_PER_SECOND)).toString();
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

    private Map<Long, ThreadTime> byThread() {
        return ProcessThreads.of(pid).stream().collect(Collectors.toMap(ThreadTime::tid, Function.identity()));
    }
}
