package dev.ums.launcher;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.EnrollmentRequest;
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

/**
 * The REST calls a test makes as an administrator beside the console or the browser: the shadow log, a device,
 * enrollment tokens, and a re-enrollment filed the way a reinstalled device would. Any thread.
 */
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

    /** Logged in to a running demo as its administrator. */
    static AdminRest login(DemoCluster cluster) throws IOException, InterruptedException {
        return login(cluster.serverUrl(), cluster.fingerprint(), DemoCluster.USER, cluster.password());
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

    /** A new enrollment token good for ten enrollments. */
    String newEnrollmentToken() throws IOException, InterruptedException {
        return WireJson.read(expect(201, post("umsapi/v3/enrollmenttokens", null, "{\"maxUses\":10}")),
                EnrollmentToken.class).token();
    }

    /**
     * Enrolls again, with a new token, under the unit ID of {@code device}, as a reinstalled device would; returns
     * that unit ID once the server answered 202 (the re-enrollment waits for an administrator).
     */
    String fileReenrollment(String device) throws IOException, InterruptedException {
        String token = newEnrollmentToken();
        String unitId = device(device).unitId();
        String request = WireJson.write(new EnrollmentRequest(device, unitId, "00:11:22:33:44:55", "12", null));
        expect(202, post("device-connector/enroll", "Bearer " + token, request));
        return unitId;
    }

    private HttpResponse<String> post(String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(response.request().uri().getPath() + " answered " + response.statusCode()
                    + " instead of " + status + ": " + response.body());
        }
        return response.body();
    }
}
