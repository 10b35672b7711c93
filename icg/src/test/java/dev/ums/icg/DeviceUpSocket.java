package dev.ums.icg;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A device's Unified Protocol socket to a gateway, as the tests open it: the close it gets completes {@code closed}. */
final class DeviceUpSocket {
    private DeviceUpSocket() {
    }

    /** Opens {@code device}'s socket with its credential; {@code closed} completes with "status reason". */
    static WebSocket open(HttpClient http, IcgServer gateway, Enrollment device, CompletableFuture<String> closed)
            throws Exception {
        return http.newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization(device.deviceId(), device.credential()))
                .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.UP), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                        closed.complete(status + " " + reason);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }
}
