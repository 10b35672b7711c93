package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ServerStatus;
import dev.ums.server.internal.account.Logins;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.audit.AdminActions;

/** Login, logout and the server status: the IMI calls a console makes first. Logins and logouts are logged. */
public record SessionRoutes(Logins logins, WebSessions sessions, ServerStatus status, AdminActions actions) {
    private static final String CLIENT = "REST API";

    public void register(Router router) {
        router.open("POST", "/umsapi/v3/login", (ex, m) -> login(ex));
        router.secured("POST", "/umsapi/v3/logout", (ex, m) -> {
            String id = ex.cookie("JSESSIONID").orElse(null);
            if (id == null) {
                // signed in with the web app's cookie only: that login ends with its shadow sessions, elsewhere
                throw new ApiException(403,
                        "this call ends the REST API's login; the web app logs out at /webapp/api/logout");
            }
            sessions.close(id);
            actions.loggedOut(ex.user(), ex.remoteAddress(), CLIENT);
            ex.setHeader("Set-Cookie", "JSESSIONID=; Path=/umsapi/; Max-Age=0; Secure; HttpOnly");
            ex.ok(new Message("Logout successful"));
        });
        router.open("GET", "/umsapi/v3/serverstatus", (ex, m) -> ex.ok(status));
    }

    private void login(Exchange ex) {
        String id = LoginAttempt.sessionId(logins, ex, "log in with HTTP Basic authentication", actions,
                CLIENT);
        ex.setHeader("Set-Cookie", "JSESSIONID=" + id + "; Path=/umsapi/; Secure; HttpOnly");
        ex.ok(new Message("JSESSIONID=" + id));
    }
}
