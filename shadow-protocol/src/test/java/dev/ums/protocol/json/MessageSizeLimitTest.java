package dev.ums.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.up.UpMessage;
import org.junit.jupiter.api.Test;

/** A peer's message is parsed only up to {@link WireJson#MAX_MESSAGE_CHARS}; longer text is refused unread. */
class MessageSizeLimitTest {

    @Test
    void aValidHelloOverTheLimitIsRefusedAsMalformed() {
        String json = hello(WireJson.MAX_MESSAGE_CHARS + 1);

        assertThatThrownBy(() -> UpMessage.parse(json)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("over the limit of " + WireJson.MAX_MESSAGE_CHARS).hasNoCause();
    }

    @Test
    void aGatewayMessageOverTheLimitIsRefusedAsMalformed() {
        String json = new GatewayMessage.DeviceDown("7", "x".repeat(WireJson.MAX_MESSAGE_CHARS)).toJson();

        assertThatThrownBy(() -> GatewayMessage.parse(json)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aHelloOfExactlyTheLimitStillParses() {
        String json = hello(WireJson.MAX_MESSAGE_CHARS);

        assertThat(json).hasSize(WireJson.MAX_MESSAGE_CHARS);
        assertThat(UpMessage.parse(json)).isInstanceOf(UpMessage.Hello.class);
    }

    /** A valid hello of exactly {@code length} characters, its name filling the room. */
    private static String hello(int length) {
        String empty = new UpMessage.Hello("", "u", null, "12", "1", null).toJson();
        return new UpMessage.Hello("n".repeat(length - empty.length()), "u", null, "12", "1", null).toJson();
    }
}
