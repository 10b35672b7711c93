package dev.ums.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import org.junit.jupiter.api.Test;

/** The JSON on the wire, as docs/PROTOCOL.md writes it. */
class WireContractTest {
    @Test
    void upMessagesCarryTheirTypeAndRoundTrip() {
        UpMessage.ShadowOpen open = new UpMessage.ShadowOpen("s-1", "wss://h:1/shadow/tunnel/s-1", "tok", null, "admin",
                true, new ShadowSettings(true, false, true));
        String json = open.toJson();
        assertThat(json).startsWith("{\"type\":\"shadow.open\"").doesNotContain("tunnelFingerprint");
        assertThat(UpMessage.parse(json)).isEqualTo(open);

        UpMessage result = UpMessage.parse("{\"type\":\"shadow.result\",\"sessionId\":\"s-1\",\"outcome\":\"DECLINED\","
                + "\"futureField\":42}");
        assertThat(result).isEqualTo(new UpMessage.ShadowResult("s-1", ShadowOutcome.DECLINED, null));
    }

    @Test
    void anOldHelloWithoutSecurePortStillReads() {
        UpMessage hello = UpMessage.parse("{\"type\":\"hello\",\"name\":\"kiosk\",\"osVersion\":\"12\"}");
        assertThat(hello).isEqualTo(new UpMessage.Hello("kiosk", null, null, "12", null, null, null));
    }

    @Test
    void garbageAndUnknownTypesAreOneClearException() {
        assertThatThrownBy(() -> UpMessage.parse("{not json")).isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("malformed UpMessage");
        assertThatThrownBy(() -> UpMessage.parse("{\"type\":\"no.such\"}")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> GatewayMessage.parse("[]")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void imiFieldNamesAreImis() {
        ThinClient tc = WireJson.read("{\"id\":\"27\",\"unitID\":\"00E0C54DCB8E\",\"name\":\"Curry\",\"parentID\":\"-1\","
                + "\"lastIP\":\"172.30.91.43\",\"firmwareID\":\"21\",\"objectType\":\"tc\",\"movedToBin\":false,"
                + "\"shadowSecret\":{\"certificate\":\"\",\"password\":\"464abcbd-1399-47d0-b011-eba2e67a72b0\"}}",
                ThinClient.class);
        assertThat(tc.unitId()).isEqualTo("00E0C54DCB8E");
        assertThat(tc.lastIp()).isEqualTo("172.30.91.43");
        assertThat(tc.shadowSecret().password()).isEqualTo("464abcbd-1399-47d0-b011-eba2e67a72b0");
        // IMI's fields for every device are always written (null when unknown); a facet's only with the facet
        assertThat(WireJson.write(tc)).contains("\"unitID\":\"00E0C54DCB8E\"", "\"parentID\":\"-1\"",
                "\"lastIP\":\"172.30.91.43\"", "\"mac\":null", "\"lastUser\":null")
                .doesNotContain("\"online\"", "\"osVersion\"", "\"lastContact\"");
    }

    @Test
    void settingsCombineToTheStricter() {
        ShadowSettings server = new ShadowSettings(true, false, true);
        ShadowSettings device = new ShadowSettings(true, true, false);
        assertThat(server.strictest(device)).isEqualTo(new ShadowSettings(true, true, false));
    }
}
