package dev.ums.server.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.relay.TunnelRelay;
import org.junit.jupiter.api.Test;

/** A tunnel token dies before the relay gives up on its session, so a valid token always finds its session. */
class TokenLifetimeTest {
    @Test
    void aSessionsTokensExpireBeforeTheRelayClosesItUnpaired() {
        assertThat(ShadowBroker.TOKEN_TTL).isLessThan(TunnelRelay.PAIRING_LIMIT);
    }
}
