package dev.ums.agent.internal.up;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tunnel.TunnelFailures;
import dev.ums.protocol.up.UpPaths;
import java.io.IOException;
import java.io.InputStream;
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
    /** How much of the server's sentence is shown. */
    private static final int MAX_SHOWN = 200;
    /** Device ids are numbers and credentials 43 characters; anything longer is not the server's. */
    private static final int MAX_FIELD = 512;

    /** @throws IOException with one sentence for the user: refused token, unreachable server, bad answer */
    public Result enroll(String enrollmentToken, EnrollmentRequest request) throws IOException {
        URI uri = server.https(UpPaths.ENROLL);
        HttpRequest post = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", UpPaths.BEARER + enrollmentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(request)))
                .build();
        HttpResponse<InputStream> response;
        String body;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
            body = AnswerBody.read(response.body(), TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("enrollment was interrupted");
        } catch (AnswerBody.RefusedException e) {
            throw new IOException("cannot enroll: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot enroll: " + TunnelFailures.describe(uri, e), e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new IOException("the server refused the enrollment token (" + serverMessage(status, body) + ")");
        }
        if (status / 100 != 2) {
            throw new IOException("enrollment failed with HTTP " + status + ": " + serverMessage(status, body));
        }
        try {
            Enrollment enrollment = WireJson.read(body, Enrollment.class);
            if (enrollment.deviceId() == null || enrollment.credential() == null) {
                throw new IOException("the server's enrollment answer lacks the device id or credential");
            }
            if (!headerToken(enrollment.deviceId()) || !headerToken(enrollment.credential())) {
                throw new IOException("the server's enrollment answer holds a device id or credential that is not valid");
            }
            return new Result(enrollment, status == 202);
        } catch (MalformedMessageException e) {
            throw new IOException("the server's enrollment answer is not valid: " + shown(e.getMessage()), e);
        }
    }

    /** Whether {@code value} can go into the UP link's Authorization header: printable ASCII, no spaces, bounded. */
    private static boolean headerToken(String value) {
        return !value.isEmpty() && value.length() <= MAX_FIELD && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The server's own sentence from an error answer, fit for the terminal; else the status. */
    private static String serverMessage(int status, String body) {
        try {
            Message message = WireJson.read(body, Message.class);
            return message.message() != null ? shown(message.message()) : "HTTP " + status;
        } catch (MalformedMessageException e) {
            return "HTTP " + status;
        }
    }

    /**
     * What the server wrote, as the agent prints it to its terminal and log: cut, with every control and format
     * character (terminal escapes, C1 controls, bidirectional overrides) replaced ({@link PeerText}).
     */
    private static String shown(String text) {
        return PeerText.of(text, MAX_SHOWN);
    }
}
