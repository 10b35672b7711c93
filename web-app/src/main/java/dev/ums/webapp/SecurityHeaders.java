package dev.ums.webapp;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The headers every web app answer carries: a Content Security Policy that admits only this server's own
 * scripts, styles and WebSockets (no inline script, no eval, no frames), no MIME sniffing, no referrer, and
 * no embedding in another site's page. Stateless; any thread.
 */
public final class SecurityHeaders {
    private SecurityHeaders() {
    }

    /** Sets the headers on {@code response}; the WebSocket source is the host the browser addressed. */
    public static void apply(Response response, Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        String sockets = host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]+") ? ""
                : " wss://" + host;
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'" + sockets + "; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Cross-Origin-Opener-Policy", "same-origin");
        response.getHeaders().put("Strict-Transport-Security", "max-age=31536000");
    }
}
