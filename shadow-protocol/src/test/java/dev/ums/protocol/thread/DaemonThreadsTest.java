package dev.ums.protocol.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/** The names and the daemon flag of {@link DaemonThreads}' threads. */
class DaemonThreadsTest {

    @Test
    void namedThreadsAreDaemonsAllWithTheOneName() {
        ThreadFactory factory = DaemonThreads.named("ums-housekeeping");

        Thread a = factory.newThread(() -> { });
        Thread b = factory.newThread(() -> { });

        assertThat(a.getName()).isEqualTo("ums-housekeeping");
        assertThat(b.getName()).isEqualTo("ums-housekeeping");
        assertThat(a.isDaemon()).isTrue();
        assertThat(b.isDaemon()).isTrue();
    }

    @Test
    void numberedThreadsCountFromOneForEachFactory() {
        ThreadFactory first = DaemonThreads.numbered("bridge");
        ThreadFactory second = DaemonThreads.numbered("bridge");

        assertThat(first.newThread(() -> { }).getName()).isEqualTo("bridge-1");
        assertThat(first.newThread(() -> { }).getName()).isEqualTo("bridge-2");
        assertThat(second.newThread(() -> { }).getName()).isEqualTo("bridge-1");
        assertThat(first.newThread(() -> { }).isDaemon()).isTrue();
    }

    @Test
    void theThreadRunsTheTaskItWasMadeFor() throws InterruptedException {
        StringBuilder ran = new StringBuilder();
        Thread t = DaemonThreads.named("runner").newThread(() -> ran.append("done"));
        t.start();
        t.join(5_000);

        assertThat(ran).hasToString("done");
    }
}
