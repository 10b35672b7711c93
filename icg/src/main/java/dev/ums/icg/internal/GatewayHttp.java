package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.up.UpPaths;
import dev.ums.relay.BoundedBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's two plain HTTP calls: device enrollment (forwarded to the server) and the health check.
 * Enrollment holds no thread while its body arrives or while the server answers: the body is read within its limits
 * ({@link BoundedBody.Limits#UNAUTHENTICATED} unless configured otherwise), only when a token is present, then
 * forwarded while fewer than {@value #ENROLLING} wait for the server, whose answer completes the request when it comes
 * (or the request is answered 503 once {@code serverAnswerLimit} is over). Jetty calls
 * {@link #handle} on its request threads.
 */
public final class GatewayHttp extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHttp.class);
    /**
     * Enrollments forwarded and not yet answered, at once: anyone may send one with any token, and the server checks
     * them one after another on the link that also carries device authentication, so beyond this the gateway
     * answers 503 instead of queueing them.
     */
    static final int ENROLLING = 32;
    private final Semaphore enrolling = new Semaphore(ENROLLING);
    private final ServerLink link;
    private final Duration serverAnswerLimit;
    private final BoundedBody.Limits enrollmentBody;

    public GatewayHttp(ServerLink link, Duration serverAnswerLimit, BoundedBody.Limits enrollmentBody) {
        this.link = link;
        this.serverAnswerLimit = serverAnswerLimit;
        this.enrollmentBody = enrollmentBody;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (path.equals(GatewayPaths.CHECK_STATUS) && request.getMethod().equals("GET")) {
            json(response, callback, 200, Map.of("status", link.isUp() ? "ok" : "warn"));
        } else if (path.equals(UpPaths.ENROLL) && request.getMethod().equals("POST")) {
            enroll(request, response, callback);
        } else if (path.equals(UpPaths.ENROLL) || path.equals(GatewayPaths.CHECK_STATUS)) {
            refuseUnread(request, response, callback, 405, request.getMethod() + " is not supported on " + path);
        } else {
            refuseUnread(request, response, callback, 404, "there is nothing at " + path);
        }
        return true;
    }

    private void enroll(Request request, Response response, Callback callback) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = auth != null && auth.startsWith(UpPaths.BEARER) ? auth.substring(UpPaths.BEARER.length()).trim() : null;
        if (token == null || token.isEmpty()) {
            // the server checks the token; without one there is nothing to forward and no body worth reading
            refuseUnread(request, response, callback, 401,
                    "the enrollment token is missing, unknown, used up, expired or revoked");
            return;
        }
        BoundedBody.read(request, enrollmentBody).whenComplete((bytes, failure) -> {
            if (failure != null) {
                refuseBody(request, response, callback, failure);
                return;
            }
            EnrollmentRequest body;
            try {
                body = WireJson.read(new String(bytes, StandardCharsets.UTF_8), EnrollmentRequest.class);
            } catch (MalformedMessageException e) {
                body = null;
            }
            if (body == null) {
                json(response, callback, 400, new Message("the request body is not valid JSON for this call"));
                return;
            }
            forward(token, body, Request.getRemoteAddr(request), response, callback);
        });
    }

    private void forward(String token, EnrollmentRequest body, String remoteIp, Response response, Callback callback) {
        if (!enrolling.tryAcquire()) {
            json(response, callback, 503, new Message("the gateway is busy; enroll again shortly"));
            return;
        }
        String requestId = UUID.randomUUID().toString();
        GatewayMessage.EnrollRequest forwarded = new GatewayMessage.EnrollRequest(requestId, token, body, remoteIp);
        link.requestLater(requestId, forwarded, serverAnswerLimit)
                .whenComplete((answer, failure) -> {
                    enrolling.release();
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        json(response, callback, 503, new Message(cause.getMessage()));
                    } else if (answer instanceof GatewayMessage.EnrollResult result && result.enrollment() != null) {
                        // 202: a re-enrollment waiting for an administrator, which the agent reports as such
                        json(response, callback, result.status() == 202 ? 202 : 200, result.enrollment());
                    } else if (answer instanceof GatewayMessage.EnrollResult result) {
                        json(response, callback, result.status(), new Message(result.error()));
                    } else {
                        LOG.warn("the server answered an enrollment with {}", answer.getClass().getSimpleName());
                        json(response, callback, 502, new Message("the UMS server gave an unexpected answer"));
                    }
                });
    }

    /** Answers without reading the body; a body still on its way closes the connection (see BoundedBody). */
    private static void refuseUnread(Request request, Response response, Callback callback, int status,
            String sentence) {
        if (BoundedBody.declared(request)) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        json(response, callback, status, new Message(sentence));
    }

    private static void refuseBody(Request request, Response response, Callback callback, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof BoundedBody.RefusedException refused) {
            refuseUnread(request, response, callback, refused.status(), refused.sentence());
        } else {
            LOG.error("reading an enrollment body failed", cause);
            refuseUnread(request, response, callback, 500,
                    "the gateway failed to read the request; its log has the details");
        }
    }

    private static void json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, WireJson.write(body), callback);
    }
}
