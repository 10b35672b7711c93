package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Message;
import dev.ums.server.internal.account.Logins;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.audit.AdminActions;
import dev.ums.server.internal.webapp.SameOrigin;
import dev.ums.server.internal.webapp.WebCookie;
import dev.ums.server.internal.link.ShadowEnds;
import java.util.List;

/**
 * The web app's own calls under {@code /webapp/api/}: log in (the accounts of the REST API, HTTP Basic, from
 * this server's own pages only), ask who is logged in and for the session's request token, and log out, which
 * also ends every shadow session opened in that login. Everything else the web app calls is the REST API,
 * with its cookie. Logins and logouts are logged. Request threads call it.
 */
public record WebAppRoutes(Logins logins, WebSessions sessions, ShadowEnds shadowEnds, AdminActions actions) {
    static final String BASE = "/webapp/api";
    private static final String CLIENT = "web app";

    /** What the page learns about its login: the user and the token its state-changing calls carry. */
    public record Login(String user, String requestToken) {
    }

    public void register(Router router) {
        // no body: the credentials come as HTTP Basic, checked like the REST API's login
        router.open("POST", BASE + "/login", (ex, m) -> {
            sameOrigin(ex);
            login(ex);
        });
        router.open("GET", BASE + "/session", (ex, m) -> {
            // it reads the login cookie and keeps the login alive: not for a page of another site or a sibling host
            if (Router.refusedAsStartedElsewhere(ex)) {
                return;
            }
            String id = ex.cookie(WebCookie.NAME).orElse(null);
            // the login may end between the two reads (a logout, its idle time): then it is over, not a failure
            String user = sessions.user(id).orElseThrow(WebAppRoutes::notLoggedIn);
            ex.ok(new Login(user, sessions.requestToken(id).orElseThrow(WebAppRoutes::notLoggedIn)));
        });
        router.secured("POST", BASE + "/logout", (ex, m) -> {
            sameOrigin(ex);
            if (ex.webSession() == null) {
                throw new ApiException(403, "this call ends the web app's login; the REST API logs out at /umsapi/v3/logout");
            }
            List<String> shadows = sessions.close(ex.webSession());
            shadows.forEach(id -> shadowEnds.end(id, "the administrator logged out of the web app"));
            actions.loggedOut(ex.user(), ex.remoteAddress(), CLIENT, shadows.size());
            ex.setHeader("Set-Cookie", WebCookie.clear());
            ex.ok(new Message("Logout successful"));
        });
    }

    private static ApiException notLoggedIn() {
        return new ApiException(401, "not logged in, or the session expired");
    }

    /** A login or logout must come from this server's own pages: another site cannot log the browser in or out. */
    private static void sameOrigin(Exchange ex) {
        if (!SameOrigin.matches(ex.header("Origin"), ex.header("Host"))) {
            throw new ApiException(403, "this call is accepted only from the server's own web app");
        }
    }

    private void login(Exchange ex) {
        String id = LoginAttempt.sessionId(logins, ex, "log in with a user name and a password", actions,
                CLIENT);
        ex.setHeader("Set-Cookie", WebCookie.set(id));
        ex.ok(new Login(LoginAttempt.user(ex), sessions.requestToken(id).orElseThrow()));
    }
}
