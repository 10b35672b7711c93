package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.relay.RelayTapTest.RecordingPeer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two observers of one relay, one after the other: each is told every pairing and end, the first one first. */
class RelayObserverTest {
    @Test
    void anObserverFollowedByAnotherTellsBothInTurnAndOnEndIsToldOnlyTheEndsId() {
        List<String> told = new ArrayList<>();
        RelayObserver first = new RelayObserver() {
            @Override
            public void paired(String sessionId) {
                told.add("first paired " + sessionId);
            }

            @Override
            public void ended(String sessionId, boolean wasPaired, String reason, long toDevice, long fromDevice) {
                told.add("first ended " + sessionId + " paired=" + wasPaired + " " + reason);
            }
        };
        TunnelRelay relay = new TunnelRelay(Clock.systemUTC(),
                first.andThen(RelayObserver.onEnd(id -> told.add("then ended " + id))), Duration.ofMinutes(1));

        relay.open("s1");
        relay.attach("s1", TunnelSide.CONSOLE, new RecordingPeer());
        relay.attach("s1", TunnelSide.DEVICE, new RecordingPeer()).end("the console left");

        assertThat(told).containsExactly("first paired s1", "first ended s1 paired=true the console left",
                "then ended s1");
    }

    @Test
    void theNextObserverIsToldAlsoWhenTheFirstFailed() {
        List<String> told = new ArrayList<>();
        RelayObserver failing = RelayObserver.onEnd(id -> {
            throw new IllegalStateException("the database is gone");
        });
        RelayObserver both = failing.andThen(RelayObserver.onEnd(id -> told.add("then ended " + id)));

        assertThatThrownBy(() -> both.ended("s1", true, "the console left", 0, 0))
                .hasMessage("the database is gone");
        assertThat(told).containsExactly("then ended s1");
    }
}
