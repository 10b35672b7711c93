package dev.ums.agent;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.server.UmsServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The console's side in agent tests: REST calls to the server and the console end of a tunnel. */
final class ConsoleClient {
    private final HttpClient http;
    private final String base;

    record Reply(int status, String body) {
        ShadowSession session() {
            return WireJson.read(body, ShadowSession.class);
        }
    }

    ConsoleClient(UmsServer server) {
        this.base = server.baseUrl();
        this.http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(server.fingerprint()).sslContext())
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    ConsoleClient login() throws IOException {
        String basic = Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
        Reply reply = send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()));
        if (reply.status() != 200) {
            throw new IOException("login failed: " + reply);
        }
        return this;
    }

    void settings(String deviceId, ShadowSettings settings) throws IOException {
        Reply reply = send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/thinclients/" + deviceId + "/shadowsettings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(WireJson.write(settings))));
        if (reply.status() != 200) {
            throw new IOException("settings failed: " + reply);
        }
    }

    Reply shadow(String deviceId, boolean viewOnly) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/thinclients/" + deviceId + "/shadow"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"viewOnly\":" + viewOnly + "}")));
    }

    /** IMI's {@code ?facets=shadow}: the device with its certificate and a fresh one-time session password. */
    ThinClient withShadowSecret(String deviceId) throws IOException {
        Reply reply = send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/thinclients/" + deviceId + "?facets=shadow"))
                .GET());
        if (reply.status() != 200) {
            throw new IOException("shadow facet failed: " + reply);
        }
        return WireJson.read(reply.body(), ThinClient.class);
    }

    WebSocketEndpoint tunnel(ShadowSession session) throws IOException {
        return WebSocketEndpoint.connect(http, URI.create(session.tunnelUrl()), session.token(), Duration.ofSeconds(10));
    }

    Reply get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
