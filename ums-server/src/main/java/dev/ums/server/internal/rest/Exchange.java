package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One REST request and its response: the small surface route handlers need, over Jetty's core API. */
public final class Exchange {
    private static final int MAX_BODY = 1 << 20;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private String user;

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

    public <T> T body(Class<T> type) {
        return WireJson.read(bodyText(), type);
    }

    public String bodyText() {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(413, "the request body is larger than 1 MiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException(400, "the request body could not be read");
        }
    }

    public void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void json(int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, WireJson.write(body), callback);
    }

    public void ok(Object body) {
        json(200, body);
    }

    public void error(int status, String sentence) {
        json(status, new Message(sentence));
    }
}
