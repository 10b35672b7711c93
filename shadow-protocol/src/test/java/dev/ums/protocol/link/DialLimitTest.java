package dev.ums.protocol.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's dial limit: 4 s doubling for each dial in a row that ran out of time, up to 32 s, 4 s after success. */
class DialLimitTest {
    private final DialLimit limit = new DialLimit(Duration.ofSeconds(4), Duration.ofSeconds(32));

    @Test
    void doublesForEachTimedOutDialUpToTheMaximum() {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seconds.add(limit.current().toSeconds());
            limit.timedOut();
        }

        assertThat(seconds).containsExactly(4L, 8L, 16L, 32L, 32L, 32L);
    }

    @Test
    void anOpenedConnectionBringsBackTheFirstLimit() {
        limit.timedOut();
        limit.timedOut();

        limit.reset();

        assertThat(limit.current()).isEqualTo(Duration.ofSeconds(4));
        limit.timedOut();
        assertThat(limit.current()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aLostConnectionGivesTheNextDialTwiceTheFirstLimit() {
        limit.timedOut();
        limit.lost();
        assertThat(limit.current()).isEqualTo(Duration.ofSeconds(8));

        limit.timedOut();
        assertThat(limit.current()).isEqualTo(Duration.ofSeconds(16));

        DialLimit fixed = new DialLimit(Duration.ofSeconds(4), Duration.ofSeconds(4));
        fixed.lost();
        assertThat(fixed.current()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aMaximumBelowTheFirstLimitIsRefused() {
        assertThatThrownBy(() -> new DialLimit(Duration.ofSeconds(4), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
