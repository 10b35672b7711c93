package dev.ums.bench.cluster;

import static dev.ums.bench.cluster.Figures.ms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Part 3 of {@link ClusterBenchmark}: shadow starts through two consoles, one logged in to each node (index 0 is
 * node 1). Called by the benchmark's main thread; {@link #perSecond} runs its consoles on a pool of its own.
 */
final class ShadowStarts {
    private final Figures figures;
    private final AdminConsole[] consoles;

    ShadowStarts(Figures figures, AdminConsole[] consoles) {
        this.figures = figures;
        this.consoles = consoles;
    }

    /**
     * Devices held by node 1, asked for on node 1 and on node 2 in turn ({@code starts} each, after 20 each to warm
     * up): the medians and 95th percentiles, and the added time of the cross-node start.
     */
    void sameVersusCross(List<String> onNode1, int starts) {
        int warmUp = 20;
        List<Long> same = new ArrayList<>();
        List<Long> cross = new ArrayList<>();
        List<Long> sameAnswer = new ArrayList<>();
        List<Long> crossAnswer = new ArrayList<>();
        int failures = 0;
        String firstFailure = null;
        for (int k = 0; k < 2 * (starts + warmUp); k++) {
            boolean crossNode = (k / 2 + k) % 2 == 1; // alternates the order within each pair
            try {
                long[] t = consoles[crossNode ? 1 : 0].startShadow(onNode1.get(k % onNode1.size()));
                if (k >= 2 * warmUp) {
                    (crossNode ? cross : same).add(t[1]);
                    (crossNode ? crossAnswer : sameAnswer).add(t[0]);
                }
            } catch (Exception e) {
                failures++;
                firstFailure = firstFailure == null ? String.valueOf(e) : firstFailure;
            }
        }
        figures.add("shadow start, device on node 1, asked on node 1: median / p95 (answer; paired)", String.format(
                Locale.ROOT, "%.1f / %.1f ms; %.1f / %.1f ms", ms(sameAnswer, 50), ms(sameAnswer, 95), ms(same, 50),
                ms(same, 95)));
        figures.add("shadow start, device on node 1, asked on node 2: median / p95 (answer; paired)", String.format(
                Locale.ROOT, "%.1f / %.1f ms; %.1f / %.1f ms", ms(crossAnswer, 50), ms(crossAnswer, 95), ms(cross, 50),
                ms(cross, 95)));
        figures.add("added time of a cross-node start (paired): median / p95", String.format(Locale.ROOT,
                "%.1f / %.1f ms (target ≤ 50); %d starts each, %d failed%s", ms(cross, 50) - ms(same, 50),
                ms(cross, 95) - ms(same, 95), same.size(), failures,
                firstFailure == null ? "" : " (first: " + firstFailure + ")"));
    }

    /** {@code consoleCount} consoles, alternately on each node, start sessions on these devices for some seconds. */
    void perSecond(List<String> all, int consoleCount, int seconds) throws InterruptedException {
        AtomicInteger cursor = new AtomicInteger(all.size() / 2);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Long> durations = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(consoleCount);
        long start = System.nanoTime();
        for (int w = 0; w < consoleCount; w++) {
            AdminConsole console = consoles[w % 2];
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        durations.add(console.startShadow(all.get(cursor.getAndIncrement() % all.size()))[1]);
                        done.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        figures.add("shadow starts per second, " + consoleCount + " consoles on both nodes, devices on both",
                String.format(Locale.ROOT, "%.1f/s (%d in %.0f s, %d failed; median %.0f ms, p95 %.0f ms)",
                        done.get() / wall, done.get(), wall, failed.get(), ms(durations, 50), ms(durations, 95)));
    }
}
