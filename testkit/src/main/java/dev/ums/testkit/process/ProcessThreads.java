package dev.ums.testkit.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live threads of a process as Linux's {@code /proc/<pid>/task} shows them: each one's kernel name (at most 15
 * characters, so it also names the JVM's own native threads, which {@code ThreadMXBean} does not list) and the CPU
 * it used so far, in clock ticks. The benchmarks split a JVM's CPU by kind of thread from these. Any thread.
 */
public final class ProcessThreads {
    /** Clock ticks per second of {@code /proc}'s CPU times (USER_HZ on Linux). */
    public static final double TICKS_PER_SECOND = 100.0;

    private ProcessThreads() {
    }

    /**
     * One thread's reading.
     *
     * @param userTicks   CPU in the thread's own code
     * @param systemTicks CPU in the kernel on the thread's behalf (system calls, scheduling)
     */
    public record ThreadTime(long tid, String name, long userTicks, long systemTicks) {
        public long ticks() {
            return userTicks + systemTicks;
        }
    }

    /** The live threads of {@code pid}; none when the process is gone. A thread that ends meanwhile is left out. */
    public static List<ThreadTime> of(long pid) {
        List<ThreadTime> threads = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    threads.add(parse(Long.parseLong(task.getFileName().toString()),
                            Files.readString(task.resolve("stat"))));
                } catch (IOException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            // the process is gone: no threads
        }
        return threads;
    }

    /** User plus system CPU ticks the process {@code pid} has used so far (its ended children not included). */
    public static long processTicks(long pid) throws IOException {
        return parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "stat"))).ticks();
    }

    /**
     * A thread (or a process) from its {@code stat} line; the name may hold spaces and parentheses, the fields after it
     * do not.
     */
    static ThreadTime parse(long tid, String stat) {
        int close = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, close);
        String[] fields = stat.substring(close + 2).split(" ");
        return new ThreadTime(tid, name, Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }
}
