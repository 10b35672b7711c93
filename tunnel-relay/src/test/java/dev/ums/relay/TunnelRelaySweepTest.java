package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.time.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A session nobody paired is kept while its tokens (65 s at most) may still be presented, then closed. */
class TunnelRelaySweepTest {
    private final MovableClock clock = MovableClock.now();
    private final TunnelRelay relay = new TunnelRelay(clock, RelayObserver.NONE, Duration.ofMinutes(30));

    @Test
    void anUnpairedSessionOutlivesItsTokensAndIsClosedAfterThePairingLimit() {
        relay.open("s1");

        clock.advance(Duration.ofSeconds(66));
        relay.sweep();
        assertThat(relay.activeSessions()).as("a token granted for 65 s may have been presented at 64 s").isOne();

        clock.advance(TunnelRelay.PAIRING_LIMIT.minusSeconds(66).plusSeconds(1));
        relay.sweep();
        assertThat(relay.activeSessions()).isZero();
    }
}
