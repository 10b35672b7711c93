package dev.ums.agent.internal.up;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tunnel.TunnelFailures;
import dev.ums.protocol.up.UpPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Enrolls the device once: trades the enrollment token for the device's own id and credential. A unit the
 * server knows already (a reinstalled device) gets a credential that works once an administrator approved
 * the re-enrollment. Only over HTTPS ({@link UpstreamUrl}): the token is a secret. Called on the thread starting
 * the agent.
 */
public record EnrollmentClient(HttpClient http, UpstreamUrl server) {
    /** The device's id and credential; {@code awaitingApproval} while an administrator has not approved it. */
    public record Result(Enrollment enrollment, boolean awaitingApproval) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** @throws IOException with one sentence for the user: refused token, unreachable server, bad answer */
    public Result enroll(String enrollmentToken, EnrollmentRequest request) throws IOException {
        URI uri = server.https(UpPaths.ENROLL);
        HttpRequest post = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", UpPaths.BEARER + enrollmentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(request)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("enrollment was interrupted");
        } catch (IOException e) {
            throw new IOException("cannot enroll: " + TunnelFailures.describe(uri, e), e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException("the server refused the enrollment token (" + serverMessage(response) + ")");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("enrollment failed with HTTP " + response.statusCode() + ": " + serverMessage(response));
        }
        try {
            Enrollment enrollment = WireJson.read(response.body(), Enrollment.class);
            if (enrollment.deviceId() == null || enrollment.credential() == null) {
                throw new IOException("the server's enrollment answer lacks the device id or credential");
            }
            return new Result(enrollment, response.statusCode() == 202);
        } catch (MalformedMessageException e) {
            throw new IOException("the server's enrollment answer is not valid: " + e.getMessage(), e);
        }
    }

    private static String serverMessage(HttpResponse<String> response) {
        try {
            Message message = WireJson.read(response.body(), Message.class);
            return message.message() != null ? message.message() : "HTTP " + response.statusCode();
        } catch (MalformedMessageException e) {
            return "HTTP " + response.statusCode();
        }
    }
}
