package dev.ums.testkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RedialTest {
    @Test
    void delaysDoubleUpToFiveSecondsAndStartAgainOnceWelcomed() {
        Redial redial = new Redial(() -> 0.5); // the middle of the ±25 % spread
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofSeconds(5));
        redial.welcomed();
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withoutALimitADialEndsOnlyAtTheClientsOwnLimits() {
        Redial redial = new Redial(() -> 0.5);
        redial.dialEnded(new TimeoutException());
        redial.lost();
        assertThat(redial.dialLimit()).isNull();
    }

    @Test
    void aLimitGrowsWhileDialsRunOutOfTimeAndComesBackWhenOneOpens() {
        Redial redial = new Redial(() -> 0.5);
        redial.limit(Duration.ofSeconds(4), Duration.ofSeconds(32));
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(4));
        redial.dialEnded(new TimeoutException());
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(8));
        redial.dialEnded(new IOException("connection refused")); // a refusal says nothing of a slow peer
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(8));
        for (int i = 0; i < 3; i++) {
            redial.dialEnded(new TimeoutException());
        }
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(32));
        redial.dialEnded(null);
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void afterALostLinkTheFirstDelayIsSpreadWiderAndTheFirstDialLonger() {
        Redial redial = new Redial(() -> 1.0); // the top of each spread
        redial.limit(Duration.ofSeconds(4), Duration.ofSeconds(32));
        redial.nextDelay();
        redial.nextDelay();
        redial.lost();
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofMillis(3750));
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofMillis(2500));
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void eachMeasureAfterALossCanBeLeftOutToMeasureTheOtherAlone() {
        Redial redial = new Redial(() -> 1.0);
        redial.limit(Duration.ofSeconds(4), Duration.ofSeconds(32));
        redial.afterLoss(false, true);
        redial.lost();
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofMillis(1250));
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(8));

        redial.afterLoss(true, false);
        redial.dialEnded(new TimeoutException());
        redial.lost();
        assertThat(redial.nextDelay()).isEqualTo(Duration.ofMillis(3750));
        assertThat(redial.dialLimit()).isEqualTo(Duration.ofSeconds(4));
    }
}
