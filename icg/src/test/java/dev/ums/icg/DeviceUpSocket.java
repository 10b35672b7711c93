package dev.ums.icg;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A device's Unified Protocol socket to a gateway, as the tests open it: each whole text message it receives goes to
 * a consumer, and the close it gets completes {@code closed} with "status reason" (or "error …" for an abnormal close,
 * so that a test sees it at once rather than waiting out its time).
 */
final class DeviceUpSocket {
    private DeviceUpSocket() {
    }

    /** Opens {@code device}'s socket with its credential, ignoring what it receives. */
    static WebSocket open(HttpClient http, IcgServer gateway, Enrollment device, CompletableFuture<String> closed)
            throws Exception {
        return open(http, gateway, device.deviceId(), device.credential(), text -> { }, closed);
    }

    /** Opens the socket of device {@code deviceId} presenting {@code credential}. */
    static WebSocket open(HttpClient http, IcgServer gateway, String deviceId, String credential,
                          Consumer<String> received, CompletableFuture<String> closed) throws Exception {
        return http.newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization(deviceId, credential))
                .buildAsync(URI.create(gateway.baseUrl().replace("https", "wss") + UpPaths.UP), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.accept(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                        closed.complete(status + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket w, Throwable error) {
                        closed.complete("error " + error);
                    }
                }).get(20, TimeUnit.SECONDS);
    }
}
