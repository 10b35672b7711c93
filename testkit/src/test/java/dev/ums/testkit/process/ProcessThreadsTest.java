package dev.ums.testkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ProcessThreadsTest {
    @Test
    void aStatLineGivesTheNameWithSpacesAndParenthesesAndTheUserAndSystemTicks() {
        String stat = "4242 (GC Thread (1)) S 1 4240 4240 0 -1 4194368 1500 0 0 0 731 64 0 0 20 0 38 0 12 0 0";

        ProcessThreads.ThreadTime thread = ProcessThreads.parse(4242, stat);

        assertThat(thread).isEqualTo(new ProcessThreads.ThreadTime(4242, "GC Thread (1)", 731, 64));
        assertThat(thread.ticks()).isEqualTo(795);
    }

    @Test
    void aSpinningThreadOfThisProcessIsListedByNameWithItsCpu() throws InterruptedException {
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            // at least 0.3 s of this thread's own CPU, so the kernel has counted ticks for it
            while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < 300_000_000L) {
                Math.sqrt(System.nanoTime());
            }
            spun.countDown();
            try {
                read.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spin-probe");
        spinner.start();
        spun.await();
        try {
            assertThat(ProcessThreads.of(ProcessHandle.current().pid()))
                    .filteredOn(t -> t.name().equals("spin-probe")).singleElement()
                    .satisfies(t -> assertThat(t.ticks()).isPositive());
        } finally {
            read.countDown();
            spinner.join();
        }
    }

    @Test
    void aProcessCountsTheCpuItsThreadsUsed() throws Exception {
        // at least 0.3 s of this thread's own CPU: 30 ticks at the kernel's 100 per second, 20 with margin to spare
        while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < 300_000_000L) {
            Math.sqrt(System.nanoTime());
        }

        assertThat(ProcessThreads.processTicks(ProcessHandle.current().pid())).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aProcessThatIsGoneHasNoThreads() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();

        assertThat(ProcessThreads.of(done.pid())).isEmpty();
    }
}
