package dev.ums.viewer.bench;

import dev.ums.testkit.process.ProcessThreads;
import java.io.IOException;
import java.nio.file.Path;

/**
 * CPU seconds (user + system) a process has used so far, from {@code /proc/<pid>/stat}. On a
 * shared 2-core machine the viewers compete with Xvnc for the CPU, so CPU per update is the
 * figure that explains the frame counts.
 */
final class CpuClock {
    private CpuClock() {
    }

    /** CPU seconds of process {@code pid} so far; NaN when it is gone. */
    static double seconds(long pid) {
        try {
            return ProcessThreads.processTicks(pid) / ProcessThreads.TICKS_PER_SECOND;
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
