package dev.ums.launcher;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.EnrollmentToken;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * What an administrator does in a running demo over the REST API, for tests: make a one-use enrollment
 * token, and file a re-enrollment the way a reinstalled device would (enrolling with such a token under the
 * unit ID of a demo device). Any thread.
 */
final class DemoAdmin {
    private DemoAdmin() {
    }

    /** A one-use enrollment token, as an administrator would make one. */
    static String enrollmentToken(DemoCluster cluster) throws Exception {
        return enrollmentToken(cluster, signedIn(cluster));
    }

    /** Enrolls again with the unit ID of {@code device}; returns that unit ID once the server answered 202. */
    static String fileReenrollment(DemoCluster cluster, String device) throws Exception {
        HttpClient http = signedIn(cluster);
        String token = enrollmentToken(cluster, http);
        String devices = http.send(HttpRequest.newBuilder(URI.create(cluster.serverUrl() + "/umsapi/v3/thinclients"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String unitId = Arrays.stream(WireJson.read(devices, ThinClient[].class))
                .filter(t -> t.name().equals(device)).findFirst().orElseThrow().unitId();
        String request = WireJson.write(new EnrollmentRequest(device, unitId, "00:11:22:33:44:55", "12", null));
        expect(202, post(http, cluster, "device-connector/enroll", "Bearer " + token, request));
        return unitId;
    }

    private static HttpClient signedIn(DemoCluster cluster) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(cluster.fingerprint()).sslContext())
                .cookieHandler(new CookieManager()).build();
        String basic = Base64.getEncoder().encodeToString((DemoCluster.USER + ":" + cluster.password())
                .getBytes(StandardCharsets.UTF_8));
        expect(200, post(http, cluster, "umsapi/v3/login", "Basic " + basic, ""));
        return http;
    }

    private static String enrollmentToken(DemoCluster cluster, HttpClient http) throws Exception {
        return WireJson.read(expect(201, post(http, cluster, "umsapi/v3/enrollmenttokens", null, "")),
                EnrollmentToken.class).token();
    }

    private static HttpResponse<String> post(HttpClient http, DemoCluster cluster, String path, String authorization,
                                             String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.serverUrl() + "/" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri().getPath() + " answered " + response.statusCode()
                    + " instead of " + status + ": " + response.body());
        }
        return response.body();
    }
}
