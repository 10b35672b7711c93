package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.up.UpPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The gateway's two plain HTTP calls: device enrollment (forwarded to the server) and the health check. */
public final class GatewayHttp extends Handler.Abstract {
    private static final int MAX_BODY = 64 * 1024;
    private final ServerLink link;

    public GatewayHttp(ServerLink link) {
        this.link = link;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals(GatewayPaths.CHECK_STATUS) && request.getMethod().equals("GET")) {
            json(response, callback, 200, Map.of("status", link.isUp() ? "ok" : "warn"));
        } else if (path.equals(UpPaths.ENROLL) && request.getMethod().equals("POST")) {
            enroll(request, response, callback);
        } else {
            json(response, callback, 404, new Message("there is nothing at " + path));
        }
        return true;
    }

    private void enroll(Request request, Response response, Callback callback) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = auth != null && auth.startsWith(UpPaths.BEARER) ? auth.substring(UpPaths.BEARER.length()).trim() : null;
        EnrollmentRequest body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = WireJson.read(new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8), EnrollmentRequest.class);
        } catch (IOException | MalformedMessageException e) {
            json(response, callback, 400, new Message("the request body is not valid JSON for this call"));
            return;
        }
        String requestId = UUID.randomUUID().toString();
        try {
            GatewayMessage answer = link.request(requestId, new GatewayMessage.EnrollRequest(requestId, token, body,
                    Request.getRemoteAddr(request)), Duration.ofSeconds(15));
            GatewayMessage.EnrollResult result = (GatewayMessage.EnrollResult) answer;
            if (result.enrollment() != null) {
                json(response, callback, 200, result.enrollment());
            } else {
                json(response, callback, result.status(), new Message(result.error()));
            }
        } catch (IOException e) {
            json(response, callback, 503, new Message(e.getMessage()));
        }
    }

    private static void json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, WireJson.write(body), callback);
    }
}
