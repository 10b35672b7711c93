package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Message;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.log.PeerText;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty itself gives before a request reaches the server's handlers, or when one escapes them (a URI
 * with an encoded separator or {@code ..}, a malformed {@code Host}, headers too large): one JSON sentence as every
 * answer of the router, with {@code nosniff} and {@code no-store}, instead of Jetty's HTML page, which clients of
 * the API cannot read and which carried none of the answers' headers. Jetty's reason is quoted for a client's
 * mistake (4xx); a server failure says only that the log has the details. Called on Jetty's threads; stateless.
 */
public final class JsonErrors extends ErrorHandler {
    private static final String JSON = "application/json; charset=utf-8";

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        Content.Sink.write(response, true, body(code, message), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    static String body(int status, String reason) {
        String sentence = status >= 500 ? "the server failed to handle the request; its log has the details"
                : "the server cannot take this request (HTTP " + status
                        + (reason == null || reason.isBlank() ? "" : ": " + PeerText.of(reason, 200)) + ")";
        return WireJson.write(new Message(sentence));
    }
}
