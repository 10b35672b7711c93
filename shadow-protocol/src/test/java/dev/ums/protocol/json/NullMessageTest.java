package dev.ums.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.up.UpMessage;
import org.junit.jupiter.api.Test;

/** A peer's JSON {@code null} is refused where messages are parsed, so no receiver has to check for it. */
class NullMessageTest {

    @Test
    void aNullUpMessageIsMalformed() {
        assertThatThrownBy(() -> UpMessage.parse("null")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> UpMessage.parse("  null \n")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aNullGatewayMessageIsMalformed() {
        assertThatThrownBy(() -> GatewayMessage.parse("null")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aRealMessageStillParses() {
        UpMessage beat = new UpMessage.Heartbeat(42);

        assertThat(UpMessage.parse(beat.toJson())).isEqualTo(beat);
    }
}
