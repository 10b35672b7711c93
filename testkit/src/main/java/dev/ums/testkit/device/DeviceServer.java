package dev.ums.testkit.device;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The server (or gateway, or load balancer) fake devices enroll with and connect to: its https base URL and the
 * HTTP client, pinned to its certificate, that every device of a test or a fleet shares. Immutable; any thread.
 *
 * @param baseUrl the server's https base URL
 * @param http    the client for enrollment, UP links and tunnels
 */
public record DeviceServer(String baseUrl, HttpClient http) {
    /** A server known by its base URL and certificate pin, with a client of its own. */
    public static DeviceServer pinned(String baseUrl, String fingerprint) {
        return new DeviceServer(baseUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext())
                .connectTimeout(Duration.ofSeconds(30)).build());
    }

    /** The same client pointed at another address of the same server (another node, the load balancer). */
    public DeviceServer at(String otherBaseUrl) {
        return new DeviceServer(otherBaseUrl, http);
    }

    /** Where devices open their UP link. */
    public URI upUri() {
        return URI.create(baseUrl.replaceFirst("^https", "wss").replaceFirst("^http", "ws") + UpPaths.UP);
    }

    /**
     * Enrolls {@code request} with {@code enrollmentToken}; fails with an {@link IllegalStateException} naming the
     * server's status and answer when it is not a success.
     */
    public CompletableFuture<Enrollment> enroll(String enrollmentToken, EnrollmentRequest request) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + UpPaths.ENROLL))
                        .header("Authorization", UpPaths.BEARER + enrollmentToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(request))).build(),
                HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> {
                    if (r.statusCode() / 100 != 2) {
                        throw new IllegalStateException("enrollment answered " + r.statusCode() + ": " + r.body());
                    }
                    return WireJson.read(r.body(), Enrollment.class);
                });
    }
}
