package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;

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
}
