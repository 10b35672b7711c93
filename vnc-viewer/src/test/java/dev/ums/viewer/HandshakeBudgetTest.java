package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The handshake's limit is spent only while no prompt is open; times are given, not waited for. */
class HandshakeBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void timeWithAPromptOpenIsNotSpent() {
        HandshakeBudget budget = new HandshakeBudget(60 * SECOND, 1000 * SECOND);
        assertThat(budget.remainingNanos(1010 * SECOND)).isEqualTo(50 * SECOND);

        budget.pause(1010 * SECOND);                                 // the password dialog opens
        assertThat(budget.paused()).isTrue();
        assertThat(budget.remainingNanos(1500 * SECOND)).isEqualTo(50 * SECOND);

        budget.resume(1500 * SECOND);                                // answered after eight minutes
        assertThat(budget.paused()).isFalse();
        assertThat(budget.remainingNanos(1530 * SECOND)).isEqualTo(20 * SECOND);
        assertThat(budget.remainingNanos(1550 * SECOND)).isZero();
        assertThat(budget.remainingNanos(1551 * SECOND)).isNegative();
    }

    @Test
    void nestedPromptsPauseUntilTheOuterOneCloses() {
        HandshakeBudget budget = new HandshakeBudget(60 * SECOND, 0);
        budget.pause(10 * SECOND);                                   // the certificate check
        budget.pause(11 * SECOND);                                   // which asks the user
        budget.resume(200 * SECOND);
        assertThat(budget.paused()).isTrue();
        assertThat(budget.remainingNanos(300 * SECOND)).isEqualTo(50 * SECOND);
        budget.resume(300 * SECOND);
        assertThat(budget.remainingNanos(340 * SECOND)).isEqualTo(10 * SECOND);
    }

    @Test
    void aResumeWithoutAPauseChangesNothing() {
        HandshakeBudget budget = new HandshakeBudget(60 * SECOND, 0);
        budget.resume(30 * SECOND);
        assertThat(budget.paused()).isFalse();
        assertThat(budget.remainingNanos(40 * SECOND)).isEqualTo(20 * SECOND);
    }
}
