package dev.ums.viewer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds (user + system) a process has used so far, from {@code /proc/<pid>/stat}. On a
 * shared 2-core machine the viewers compete with Xvnc for the CPU, so CPU per update is the
 * figure that explains the frame counts.
 */
final class CpuClock {
    /** Linux reports utime and stime in clock ticks of 1/100 s on every common configuration. */
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuClock() {
    }

    static double seconds(long pid) {
        return seconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** CPU seconds from a {@code stat} file of {@code /proc}: a process's or one of its threads' (task/TID/stat). */
    static double seconds(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // The command name may contain spaces; the fields after it are fixed.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The pid of a child process of ours whose program file is named one of {@code names}, or -1. */
    static long child(String... names) {
        java.util.Set<String> wanted = java.util.Set.of(names);
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> wanted.contains(Path.of(c).getFileName().toString()))
                        .orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }
}
