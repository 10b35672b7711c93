package dev.ums.console;

import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.up.UpPaths;
import dev.ums.server.UmsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An enrollment as a device's agent sends it, with any fields a test chooses (names the agent would never send),
 * to a test server with its enrollment token ({@code ServerConfig.forTests}). The calling thread.
 */
public final class RawEnrollment {
    private RawEnrollment() {
    }

    /** The server's answer to {@code request}: 200 enrolled, 202 waiting for approval, or a refusal. */
    public static HttpResponse<String> send(UmsServer server, EnrollmentRequest request)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(server.fingerprint()).sslContext()).build();
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + UpPaths.ENROLL))
                .header("Authorization", UpPaths.BEARER + "enroll-secret").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(request))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
