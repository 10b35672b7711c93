package dev.ums.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link CpuTimeline}: a process that spins shows in its seconds, and both columns read the processes named. */
class CpuTimelineTest {
    private static final Pattern SECOND = Pattern.compile("(\\d+) s: (\\d+) / (\\d+)");

    @Test
    void aSpinningThreadShowsInTheSecondsOfItsProcess() throws Exception {
        long self = ProcessHandle.current().pid();
        CpuTimeline timeline = CpuTimeline.start(self, self);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long spinFrom = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - spinFrom < 1_500_000_000L) {
            Thread.onSpinWait();
        }
        int secondsWhenDone = seconds(timeline).size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (seconds(timeline).size() <= secondsWhenDone && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        timeline.stop();

        List<int[]> seconds = seconds(timeline);
        assertThat(seconds).as(timeline.toString()).hasSizeGreaterThan(secondsWhenDone);
        int total = 0;
        for (int i = 0; i < seconds.size(); i++) {
            assertThat(seconds.get(i)[0]).as(timeline.toString()).isEqualTo(i + 1);
            assertThat(Math.abs(seconds.get(i)[1] - seconds.get(i)[2])).as(timeline.toString()).isLessThanOrEqualTo(5);
            total += seconds.get(i)[1];
        }
        assertThat(total).as("1.5 s of one thread's CPU in " + timeline).isGreaterThanOrEqualTo(50);
    }

    private static List<int[]> seconds(CpuTimeline timeline) {
        List<int[]> seconds = new ArrayList<>();
        Matcher m = SECOND.matcher(timeline.toString());
        while (m.find()) {
            seconds.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))});
        }
        return seconds;
    }
}
