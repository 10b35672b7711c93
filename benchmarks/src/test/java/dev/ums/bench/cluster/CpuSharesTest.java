package dev.ums.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link CpuShares} on real child processes: one that spins, one that sleeps. */
class CpuSharesTest {
    @Test
    void aSpinningProcessIsChargedItsTicksAndASleepingOneNone() throws Exception {
        Process spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            CpuShares shares = new CpuShares().process("spinner", spinner.pid()).process("sleeper", sleeper.pid());
            shares.begin();
            await().atMost(Duration.ofSeconds(60)).until(() -> shares.secondsOf("spinner") >= 0.2);

            // at most a tick or two of its start (loading the program) may fall after the first reading
            assertThat(shares.secondsOf("sleeper")).isLessThanOrEqualTo(0.02);
            assertThat(shares.since()).matches("[0-9.]+ s of CPU in [0-9.]+ s \\([0-9.]+ cores busy\\): "
                    + "spinner [0-9.]+ s, sleeper 0\\.0 s, others -?[0-9.]+ s");
        } finally {
            spinner.destroyForcibly();
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsGoneHasNoTicks() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        assertThat(CpuShares.processTicks(done.pid())).isZero();
    }
}
