package dev.ums.icg;

import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;

/** One side of a session's tunnel at a gateway, as the tests open it with that side's token. */
final class TunnelSide {
    private TunnelSide() {
    }

    /** Opens the tunnel of {@code sessionId} with {@code token}; {@code listener} hears what comes. */
    static WebSocket open(HttpClient http, IcgServer gateway, String sessionId, String token,
                          WebSocket.Listener listener) throws Exception {
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.TUNNEL_PREFIX + sessionId),
                        listener).get(20, TimeUnit.SECONDS);
    }
}
