package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import org.junit.jupiter.api.Test;

/** A session as the log names it (the external viewer's proxy logs it): one line, without the tunnel's token. */
class ShadowConnectionTest {
    @Test
    void theLogNamesTheDeviceOnOneLineAndNeverTheToken() throws Exception {
        ThinClient device = WireJson.mapper().readValue(
                "{\"id\":\"7\",\"name\":\"kiosk-1\\n2026-12-07 WARN forged\\u202E\"}", ThinClient.class);
        ShadowSession session = new ShadowSession("s-1", "wss://127.0.0.1:1/tunnel", "secret-token", "direct", false,
                60, null);
        String logged = new ShadowConnection(device, session, null, () -> null, null).toString();
        assertThat(logged).isEqualTo("shadow session s-1 with kiosk-1?2026-12-07 WARN forged? (id 7)")
                .doesNotContain("secret-token");
    }
}
