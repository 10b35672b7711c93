package dev.ums.relay.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeTurnsTest {
    private final List<String> admitted = new ArrayList<>();

    private HandshakeTurns.Turn named(String name) {
        return () -> admitted.add(name);
    }

    @Test
    void handshakesBeyondTheTurnsWaitAndAreAdmittedInTheOrderTheyAsked() {
        HandshakeTurns turns = new HandshakeTurns(2);
        assertThat(turns.request(named("a"))).isTrue();
        assertThat(turns.request(named("b"))).isTrue();
        for (String name : List.of("c", "d", "e", "f")) {
            assertThat(turns.request(named(name))).as(name + " waits").isFalse();
        }
        assertThat(turns.working()).isEqualTo(2);
        assertThat(turns.waiting()).isEqualTo(4);

        for (int ended = 0; ended < 6; ended++) {
            turns.finished();
        }
        assertThat(admitted).containsExactly("c", "d", "e", "f");
        assertThat(turns.working()).isZero();
        assertThat(turns.waiting()).isZero();
    }

    @Test
    void theBalancersHealthChecksGoBeforeTheWaitingCrowdInTheirOwnOrder() {
        HandshakeTurns turns = new HandshakeTurns(1);
        turns.request(named("working"));
        turns.request(named("device 1"));
        turns.requestAhead(named("check 1"));
        turns.request(named("device 2"));
        turns.requestAhead(named("check 2"));
        assertThat(turns.waiting()).isEqualTo(4);
        assertThat(turns.waitingAhead()).isEqualTo(2);

        for (int ended = 0; ended < 5; ended++) {
            turns.finished();
        }
        assertThat(admitted).containsExactly("check 1", "check 2", "device 1", "device 2");
    }

    @Test
    void aHandshakeWithdrawnWhileWaitingIsSkippedAndCounted() {
        HandshakeTurns turns = new HandshakeTurns(1);
        HandshakeTurns.Turn gone = named("gone");
        turns.request(named("first"));
        turns.request(gone);
        turns.request(named("next"));

        assertThat(turns.withdraw(gone)).isTrue();
        turns.finished();

        assertThat(admitted).containsExactly("next");
        assertThat(turns.withdrawn()).isOne();
        assertThat(turns.working()).isOne();
    }

    @Test
    void aReportOnlyWhenSomeWaited() {
        HandshakeTurns turns = new HandshakeTurns(1);
        turns.request(named("first"));
        turns.finished();
        assertThat(turns.queueReport()).isEmpty();

        turns.request(named("second"));
        HandshakeTurns.Turn gone = named("gone");
        turns.request(gone);
        turns.request(named("third"));
        turns.withdraw(gone);
        turns.finished();
        assertThat(turns.queueReport()).hasValue("TLS handshakes took turns: 2 began, up to 2 waited at once, 1 of "
                + "those closed by their client before their turn (1 at a time)");
        assertThat(turns.queueReport()).isEmpty();
    }

    @Test
    void aTurnAlreadyGrantedCannotBeWithdrawn() {
        HandshakeTurns turns = new HandshakeTurns(1);
        HandshakeTurns.Turn late = named("late");
        turns.request(named("first"));
        turns.request(late);
        turns.finished();

        assertThat(turns.withdraw(late)).as("its owner must end the turn itself").isFalse();
        assertThat(turns.withdrawn()).isZero();
    }

    @Test
    void atLeastOneTurn() {
        assertThatThrownBy(() -> new HandshakeTurns(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HandshakeTurns.forProcessors().atOnce()).isGreaterThanOrEqualTo(2);
    }
}
