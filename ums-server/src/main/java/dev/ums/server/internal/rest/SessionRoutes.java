package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.Message;
import dev.ums.protocol.imi.ServerStatus;
import dev.ums.server.internal.account.AccountStore;
import dev.ums.server.internal.account.LoginThrottle;
import dev.ums.server.internal.account.WebSessions;

/** Login, logout and the server status: the IMI calls a console makes first. */
public final class SessionRoutes {
    private final AccountStore accounts;
    private final LoginThrottle throttle;
    private final WebSessions sessions;
    private final ServerStatus status;

    public SessionRoutes(AccountStore accounts, LoginThrottle throttle, WebSessions sessions, ServerStatus status) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.sessions = sessions;
        this.status = status;
    }

    public void register(Router router) {
        router.open("POST", "/umsapi/v3/login", (ex, m) -> login(ex));
        router.secured("POST", "/umsapi/v3/logout", (ex, m) -> {
            ex.cookie("JSESSIONID").ifPresent(sessions::close);
            ex.setHeader("Set-Cookie", "JSESSIONID=; Path=/umsapi/; Max-Age=0; Secure; HttpOnly");
            ex.ok(new Message("Logout successful"));
        });
        router.open("GET", "/umsapi/v3/serverstatus", (ex, m) -> ex.ok(status));
    }

    private void login(Exchange ex) {
        String[] credentials = ex.basicCredentials()
                .orElseThrow(() -> new ApiException(401, "log in with HTTP Basic authentication"));
        String user = credentials[0];
        String address = ex.remoteAddress();
        long wait = throttle.secondsToWait(user, address);
        if (wait > 0) {
            ex.setHeader("Retry-After", String.valueOf(wait));
            throw new ApiException(429, "too many failed logins; try again in " + wait + " seconds");
        }
        if (!accounts.verify(user, credentials[1].toCharArray())) {
            throttle.failed(user, address);
            throw new ApiException(401, "wrong user name or password");
        }
        throttle.succeeded(user, address);
        String id = sessions.open(user);
        ex.setHeader("Set-Cookie", "JSESSIONID=" + id + "; Path=/umsapi/; Secure; HttpOnly");
        ex.ok(new Message("JSESSIONID=" + id));
    }
}
