package dev.ums.launcher;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.EnrollmentToken;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The REST calls a test makes as an administrator beside the browser: the shadow log, enrollment tokens. */
final class AdminRest {
    private final HttpClient http;
    private final String base;

    private AdminRest(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    static AdminRest login(String baseUrl, String fingerprint, String user, String password)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                .cookieHandler(new CookieManager()).build();
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/umsapi/v3/login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login failed: " + r.body());
        }
        return new AdminRest(http, baseUrl);
    }

    List<AuditEntry> shadowLog(String deviceId) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/thinclients/" + deviceId
                + "/shadowlog")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return List.of(WireJson.read(body, AuditEntry[].class));
    }

    /** The device called {@code name}, with the facets the console reads. */
    ThinClient device(String name) throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/thinclients?facets=online,details"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return java.util.Arrays.stream(WireJson.read(body, ThinClient[].class)).filter(d -> d.name().equals(name))
                .findFirst().orElseThrow(() -> new IOException("no device named " + name));
    }

    String newEnrollmentToken() throws IOException, InterruptedException {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/umsapi/v3/enrollmenttokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"maxUses\":10}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return WireJson.read(body, EnrollmentToken.class).token();
    }
}
