package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link CoalescedTask} on an executor the test runs by hand. */
class CoalescedTaskTest {
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void requestsWhileQueuedCostOneRun() {
        CoalescedTask task = new CoalescedTask(queued::add, runs::incrementAndGet);
        task.request();
        task.request();
        task.request();
        assertThat(queued).hasSize(1);
        queued.poll().run();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(queued).isEmpty();

        task.request();
        assertThat(queued).as("queued again once the run is over").hasSize(1);
    }

    @Test
    void requestsDuringARunMakeOneMoreRunAfterIt() {
        CoalescedTask[] task = new CoalescedTask[1];
        task[0] = new CoalescedTask(queued::add, () -> {
            if (runs.incrementAndGet() == 1) {
                task[0].request();
                task[0].request();
            }
        });
        task[0].request();
        queued.poll().run();
        assertThat(runs.get()).isEqualTo(2);
        assertThat(queued).as("nothing queued while it ran").isEmpty();
    }

    @Test
    void aFailingRunDoesNotStopLaterOnes() {
        CoalescedTask task = new CoalescedTask(queued::add, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("failed on purpose");
        });
        task.request();
        queued.poll().run();
        task.request();
        assertThat(queued).hasSize(1);
        queued.poll().run();
        assertThat(runs.get()).isEqualTo(2);
    }
}
