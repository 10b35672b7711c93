package dev.ums.bench.cluster;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.up.UpPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * An administrator's console logged in to one node over REST, as `ums proxy` talks to it: lists devices and starts
 * shadow sessions (the request, then the console's tunnel side until the device's first bytes arrive through the
 * relay). Safe to call from several threads: each call has its own request and tunnel.
 */
final class AdminConsole {
    private static final String API = "/umsapi/v3";
    private final HttpClient http;
    private final String url;
    private final String cookie;

    private AdminConsole(HttpClient http, String url, String cookie) {
        this.http = http;
        this.url = url;
        this.cookie = cookie;
    }

    static AdminConsole login(HttpClient http, String url, String user, String password)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url + API + "/login"))
                        .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IOException("login on " + url + " answered " + login.statusCode() + ": " + login.body());
        }
        return new AdminConsole(http, url, login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0]);
    }

    List<ThinClient> devices() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + API + "/thinclients?facets=online"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("device list on " + url + " answered " + r.statusCode());
        }
        return List.of(WireJson.read(r.body(), ThinClient[].class));
    }

    /**
     * One shadow start: answers the nanoseconds from the request to the REST answer and to the device's first
     * bytes read through the paired tunnel, or throws with what went wrong.
     */
    long[] startShadow(String deviceId) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + API + "/thinclients/" + deviceId
                        + "/shadow")).header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"viewOnly\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        if (r.statusCode() != 200) {
            throw new IOException("shadow request for device " + deviceId + " on " + url + " answered "
                    + r.statusCode() + ": " + r.body());
        }
        ShadowSession session = WireJson.read(r.body(), ShadowSession.class);
        CompletableFuture<Long> firstBytes = new CompletableFuture<>();
        WebSocket tunnel = http.newWebSocketBuilder()
                .header("Authorization", UpPaths.BEARER + session.token())
                .buildAsync(URI.create(session.tunnelUrl()), new ConsoleSide(firstBytes))
                .get(30, TimeUnit.SECONDS);
        try {
            long paired = firstBytes.get(30, TimeUnit.SECONDS);
            return new long[] {answered - t0, paired - t0};
        } finally {
            tunnel.abort();
        }
    }

    /** The console's tunnel side: notes when the device's first bytes arrive. */
    private record ConsoleSide(CompletableFuture<Long> firstBytes) implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket ws) {
            ws.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            firstBytes.complete(System.nanoTime());
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            firstBytes.completeExceptionally(new IOException("tunnel closed before the device's bytes: "
                    + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            firstBytes.completeExceptionally(error);
        }
    }
}
