package dev.ums.server.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON bodies the REST routes answer with: the wire's JSON, as UTF-8 bytes. */
class ExchangeJsonTest {
    @Test
    void aBodyIsTheWiresJsonInUtf8() {
        ThinClient kiosk = new ThinClient("7", "U7", "Kiosk Ærø 東京", "-1", false, "tc", List.of(),
                "00:00:00:00:00:07", null, "10.0.0.7", null, true, null, null, null, null, null, null, null);

        byte[] body = Exchange.utf8Json(List.of(kiosk));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(WireJson.write(List.of(kiosk)));
        assertThat(WireJson.read(new String(body, StandardCharsets.UTF_8), ThinClient[].class))
                .containsExactly(kiosk);
    }
}
