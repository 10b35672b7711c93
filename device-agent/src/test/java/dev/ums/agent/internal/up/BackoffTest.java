package dev.ums.agent.internal.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromOneSecondUpToFive() {
        Backoff backoff = new Backoff(() -> 0.5); // the middle of the jitter range: no spread

        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.next().toSeconds());
        }

        assertThat(seconds).containsExactly(1L, 2L, 4L, 5L, 5L, 5L, 5L, 5L);
    }

    @Test
    void jitterSpreadsEachDelayByAQuarter() {
        assertThat(new Backoff(() -> 0.0).next()).isEqualTo(Duration.ofMillis(750));
        assertThat(new Backoff(() -> 1.0).next()).isEqualTo(Duration.ofMillis(1250));
    }

    @Test
    void theLongestWaitLeavesTimeToBeBackWithinTenSeconds() {
        Backoff backoff = new Backoff(() -> 1.0); // the top of the jitter range
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            Duration next = backoff.next();
            longest = next.compareTo(longest) > 0 ? next : longest;
        }

        assertThat(longest).isEqualTo(Duration.ofMillis(6250));
    }

    @Test
    void resetStartsOverAfterAWorkingConnection() {
        Backoff backoff = new Backoff(() -> 0.5);
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }
}
