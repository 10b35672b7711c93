package dev.ums.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The agent's policy (1 s doubling to 5 s) and the gateway link's (0.5 s doubling to 2 s). */
class BackoffTest {
    private static Backoff agentBackoff(DoubleSupplier random) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), random);
    }

    @Test
    void doublesFromOneSecondUpToFive() {
        Backoff backoff = agentBackoff(() -> 0.5); // the middle of the jitter range: no spread

        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.next().toSeconds());
        }

        assertThat(seconds).containsExactly(1L, 2L, 4L, 5L, 5L, 5L, 5L, 5L);
    }

    @Test
    void jitterSpreadsEachDelayByAQuarter() {
        assertThat(agentBackoff(() -> 0.0).next()).isEqualTo(Duration.ofMillis(750));
        assertThat(agentBackoff(() -> 1.0).next()).isEqualTo(Duration.ofMillis(1250));
    }

    @Test
    void theLongestWaitLeavesTimeToBeBackWithinTenSeconds() {
        Backoff backoff = agentBackoff(() -> 1.0); // the top of the jitter range
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            Duration next = backoff.next();
            longest = next.compareTo(longest) > 0 ? next : longest;
        }

        assertThat(longest).isEqualTo(Duration.ofMillis(6250));
    }

    @Test
    void resetStartsOverAfterAWorkingConnection() {
        Backoff backoff = agentBackoff(() -> 0.5);
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theFirstDelayAfterALostConnectionSpreadsFromThreeQuartersOfASecondToThreeAndThreeQuarters() {
        Backoff early = agentBackoff(() -> 0.0);
        Backoff late = agentBackoff(() -> 1.0);
        early.next();
        late.next();

        early.lost();
        late.lost();

        assertThat(early.next()).isEqualTo(Duration.ofMillis(750));
        assertThat(late.next()).isEqualTo(Duration.ofMillis(3750));
        assertThat(late.next()).as("the delays after it spread by a quarter again").isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void afterALostConnectionADeviceStillTriesAgainWithinTenSeconds() {
        Backoff backoff = agentBackoff(() -> 1.0);
        backoff.lost();

        assertThat(backoff.next().plus(backoff.next())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theGatewayLinkDoublesFromHalfASecondUpToTwo() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2), () -> 0.5);

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            millis.add(backoff.next().toMillis());
        }

        assertThat(millis).containsExactly(500L, 1000L, 2000L, 2000L, 2000L);
    }
}
