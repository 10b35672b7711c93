package dev.ums.bench.cluster;

import dev.ums.testkit.process.ProcessThreads;
import java.io.IOException;
import java.util.Locale;

/**
 * The CPU of a few processes second by second, read from {@code /proc/<pid>/stat} by a thread of its own so that a
 * slow step of the caller does not blur the seconds: shows whether one waited for another or for neither.
 * Started and stopped by the benchmark's main thread; {@link #toString} after {@link #stop}.
 */
final class CpuTimeline {
    private final long[] pids;
    private final StringBuilder seconds = new StringBuilder();
    private final Thread sampler;
    private volatile boolean stopped;

    private CpuTimeline(long... pids) {
        this.pids = pids;
        this.sampler = new Thread(this::sample, "cpu-timeline");
        sampler.setDaemon(true);
    }

    /** Samples {@code pids} every second from now on. */
    static CpuTimeline start(long... pids) {
        CpuTimeline timeline = new CpuTimeline(pids);
        timeline.sampler.start();
        return timeline;
    }

    void stop() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join();
    }

    private void sample() {
        try {
            long[] before = ticks();
            long at = System.nanoTime();
            for (int second = 1; !stopped; second++) {
                Thread.sleep(Math.max(0, (at + 1_000_000_000L - System.nanoTime()) / 1_000_000));
                long[] now = ticks();
                long wall = System.nanoTime();
                synchronized (seconds) {
                    seconds.append(second == 1 ? "" : ", ").append(second).append(" s:");
                    for (int i = 0; i < pids.length; i++) {
                        seconds.append(i == 0 ? " " : " / ").append(String.format(Locale.ROOT, "%.0f",
                                (now[i] - before[i]) * 1e9 / (wall - at)));
                    }
                }
                before = now;
                at = wall;
            }
        } catch (InterruptedException | IOException e) {
            // stopped, or a process ended: the seconds so far stand
        }
    }

    private long[] ticks() throws IOException {
        long[] ticks = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            ticks[i] = ProcessThreads.processTicks(pids[i]);
        }
        return ticks;
    }

    @Override
    public String toString() {
        synchronized (seconds) {
            return seconds.toString();
        }
    }
}
