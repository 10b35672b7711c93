package dev.ums.server.internal.webapp;

import dev.ums.relay.BrowserAdmission;
import dev.ums.server.internal.account.WebSessions;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;

/**
 * Admits a browser's tunnel upgrade only from this server's own pages ({@link SameOrigin}) and only with the
 * web app's login cookie of the session that asked for this shadow session. The tunnel token proves the
 * session was granted; the cookie and the origin prove that the web app, not another site using the
 * administrator's browser, opens it. Called on Jetty's request threads; thread-safe.
 */
public record BrowserTunnels(WebSessions sessions) implements BrowserAdmission {
    @Override
    public Refusal refusal(ServerUpgradeRequest request, String sessionId) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!SameOrigin.matches(origin, request.getHeaders().get(HttpHeader.HOST))) {
            return new Refusal(403, "the tunnel was not opened by this server's web app (origin "
                    + (origin == null ? "missing" : origin) + ")");
        }
        String login = cookie(Request.getCookies(request));
        if (login == null) {
            return new Refusal(401, "the tunnel needs the web app's login cookie");
        }
        if (!sessions.owns(login, sessionId)) {
            return new Refusal(401, "the web app's login is over, or did not open this session");
        }
        return null;
    }

    private static String cookie(List<HttpCookie> cookies) {
        if (cookies == null) {
            return null;
        }
        return cookies.stream().filter(c -> c.getName().equals(WebCookie.NAME)).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }
}
