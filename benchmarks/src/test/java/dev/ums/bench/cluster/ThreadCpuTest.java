package dev.ums.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link ThreadCpu}: the kinds of a JVM's threads, and a reading of this JVM's own threads. */
class ThreadCpuTest {
    @Test
    void threadsAreKindedByTheirNames() {
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo(ThreadCpu.COMPILERS);
        assertThat(ThreadCpu.kind("C1 CompilerThre")).isEqualTo(ThreadCpu.COMPILERS);
        assertThat(ThreadCpu.kind("GC Thread#1")).isEqualTo(ThreadCpu.COLLECTOR);
        assertThat(ThreadCpu.kind("G1 Conc#0")).isEqualTo(ThreadCpu.COLLECTOR);
        assertThat(ThreadCpu.kind("VM Thread")).isEqualTo(ThreadCpu.COLLECTOR);
        assertThat(ThreadCpu.kind("ums-http-113")).isEqualTo(ThreadCpu.POOL);
        assertThat(ThreadCpu.kind("ums-cluster-bus")).isEqualTo(ThreadCpu.OTHERS);
    }

    @Test
    void aSpinningThreadIsChargedToItsKind() throws Exception {
        ThreadCpu cpu = new ThreadCpu(ProcessHandle.current().pid());
        cpu.begin();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch read = new CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (threads.getCurrentThreadCpuTime() < 250_000_000L) {
                Thread.onSpinWait();
            }
            spun.countDown();
            try {
                read.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ums-http-test");
        spinner.start();
        spun.await();
        String sentence = cpu.since();
        read.countDown();
        spinner.join();

        Matcher pool = Pattern.compile(ThreadCpu.POOL + " ([0-9.]+) s").matcher(sentence);
        assertThat(pool.find()).as(sentence).isTrue();
        assertThat(Double.parseDouble(pool.group(1))).isGreaterThanOrEqualTo(0.2);
    }
}
