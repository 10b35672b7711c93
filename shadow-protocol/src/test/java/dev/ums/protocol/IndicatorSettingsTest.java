package dev.ums.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.IndicatorPosition;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.up.UpMessage;
import org.junit.jupiter.api.Test;

/** The indicator's settings on the wire, their defaults for older JSON, and the typed end of a session. */
class IndicatorSettingsTest {

    @Test
    void settingsWrittenBeforeTheIndicatorExistedTakeItsDefaults() {
        ShadowSettings old = WireJson.read("{\"allowShadowing\":true,\"promptUser\":false,\"allowInput\":true}",
                ShadowSettings.class);

        assertThat(old.allowUserDisconnect()).isTrue();
        assertThat(old.indicatorPosition()).isEqualTo(IndicatorPosition.TOP_RIGHT);
    }

    @Test
    void theIndicatorsSettingsTravelByName() {
        ShadowSettings set = new ShadowSettings(true, true, false, false, IndicatorPosition.BOTTOM_CENTER);

        String json = WireJson.write(set);

        assertThat(json).contains("\"allowUserDisconnect\":false", "\"indicatorPosition\":\"BOTTOM_CENTER\"");
        assertThat(WireJson.read(json, ShadowSettings.class)).isEqualTo(set);
    }

    @Test
    void theServersIndicatorSettingsHoldOverTheDevicesDefaults() {
        ShadowSettings server = new ShadowSettings(true, false, true, false, IndicatorPosition.BOTTOM_LEFT);

        ShadowSettings effective = server.strictest(ShadowSettings.DEFAULTS);

        assertThat(effective.allowUserDisconnect()).isFalse();
        assertThat(effective.indicatorPosition()).isEqualTo(IndicatorPosition.BOTTOM_LEFT);
        assertThat(effective.promptUser()).as("the device's own prompt still wins").isTrue();
    }

    @Test
    void theUsersDisconnectIsCloseCode4001AndATypedShadowClosed() {
        assertThat(SessionEnd.ofCloseCode(4001)).contains(SessionEnd.USER_DISCONNECTED);
        assertThat(SessionEnd.ofCloseCode(1000)).isEmpty();
        assertThat(SessionEnd.ofCloseCode(4999)).isEmpty();

        String json = new UpMessage.ShadowClosed("s-1", "user-disconnected", SessionEnd.USER_DISCONNECTED).toJson();

        assertThat(json).contains("\"type\":\"shadow.closed\"", "\"end\":\"USER_DISCONNECTED\"");
        assertThat(UpMessage.parse(json)).isEqualTo(
                new UpMessage.ShadowClosed("s-1", "user-disconnected", SessionEnd.USER_DISCONNECTED));
        assertThat(UpMessage.parse("{\"type\":\"shadow.closed\",\"sessionId\":\"s-2\",\"reason\":\"gone\"}"))
                .isEqualTo(new UpMessage.ShadowClosed("s-2", "gone"));
    }
}
