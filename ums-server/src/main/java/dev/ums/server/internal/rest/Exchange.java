package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.WireJson;
import dev.ums.relay.BoundedBody;
import dev.ums.server.internal.input.InvalidInputException;
import dev.ums.server.internal.shadow.ShadowBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One REST request and its response: the small surface route handlers need, over Jetty's core API. The body
 * has been read (within its limits) before the handler runs; the response is written exactly once, now or,
 * through {@link #okWhenDone}, once a later step finished.
 */
public final class Exchange {
    private static final byte[] NO_BODY = new byte[0];

    private final Request request;
    private final Response response;
    private final Callback callback;
    private String user;
    private String webSession;
    private byte[] body = NO_BODY;
    private boolean bodyRead;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return Request.getPathInContext(request);
    }

    public Optional<String> query(String name) {
        Fields fields = Request.extractQueryParameters(request);
        return Optional.ofNullable(fields.getValue(name));
    }

    /** Facets asked for with {@code ?facets=a,b}. */
    public List<String> facets() {
        return query("facets").map(f -> List.of(f.split(","))).orElse(List.of());
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /** {@code host:port} as the client addressed this server. */
    public String reachedHost() {
        return reachedHost(request);
    }

    static String reachedHost(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || host.isBlank()) {
            host = Request.getServerName(request) + ":" + Request.getServerPort(request);
        } else if (!host.contains(":") || host.endsWith("]")) {
            host = host + ":" + Request.getServerPort(request);
        }
        return host;
    }

    public Optional<String> cookie(String name) {
        for (HttpField field : request.getHeaders()) {
            if (field.getHeader() == HttpHeader.COOKIE) {
                for (String part : field.getValue().split(";")) {
                    String[] kv = part.trim().split("=", 2);
                    if (kv.length == 2 && kv[0].equals(name)) {
                        return Optional.of(kv[1]);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** User and password from HTTP Basic, if present and well formed. */
    public Optional<String[]> basicCredentials() {
        String auth = header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String user() {
        return user;
    }

    void user(String name) {
        this.user = name;
    }

    /** The web app's session this call came with, or null for the REST API's cookie or no login. */
    public String webSession() {
        return webSession;
    }

    void webSession(String sessionId) {
        this.webSession = sessionId;
    }

    /** Who called, for the audit log: the web app or a console (or any other REST client). */
    public String client() {
        return webSession != null ? ShadowBroker.WEB_APP : "console";
    }

    Request request() {
        return request;
    }

    void body(byte[] bytes) {
        this.body = bytes;
        this.bodyRead = true;
    }

    /** The body as {@code type}; a missing body or a JSON {@code null} is refused like malformed JSON. */
    public <T> T body(Class<T> type) {
        T value = WireJson.read(bodyText(), type);
        if (value == null) {
            throw new InvalidInputException("the request body is empty or null; this call needs a JSON object");
        }
        return value;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Pool threads for steps of this request that come after a wait (never a selector thread). */
    public Executor executor() {
        return request.getComponents().getExecutor();
    }

    /**
     * Answers 200 with the value {@code later} completes with, or the sentence it fails with; the request
     * holds no thread in between.
     */
    public void okWhenDone(CompletionStage<?> later) {
        later.whenComplete((value, failure) -> {
            if (failure == null) {
                ok(value);
            } else {
                Router.fail(this, failure);
            }
        });
    }

    /** The connection closes after this answer (a body that was refused may still be on its way). */
    private void closeAfterAnswer() {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void json(int status, Object body) {
        if (!bodyRead && BoundedBody.declared(request)) {
            closeAfterAnswer(); // refused from the headers, or a route that reads no body
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Content.Sink.write(response, true, WireJson.write(body), callback);
    }

    /**
     * Answers 200 with the first {@code size} bytes of {@code file} as a download named {@code name}, streamed
     * from the disk (a file still growing is sent as it was when asked for).
     */
    public void file(Path file, long size, String name) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, size);
        Content.copy(Content.Source.from(file, 0, size), response, callback);
    }

    public void ok(Object body) {
        json(200, body);
    }

    public void error(int status, String sentence) {
        json(status, new Message(sentence));
    }
}
