package dev.ums.server.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.relay.ConnectionGuard;
import dev.ums.server.internal.account.MemoryWebSessions;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.audit.AdminActions;
import dev.ums.server.internal.webapp.WebCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web app's session call over a real Jetty and the server's router: a login that ends between the reads of its
 * user and its request token (a logout or its idle time on another thread) is answered as over, not as a failure.
 */
class WebAppRoutesTest {
    private Server jetty;

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.stop();
        }
    }

    @Test
    void aLoginThatEndsWhileItsSessionIsReadIsAnsweredAsOver() throws Exception {
        WebSessions sessions = new EndingAfterItsUserIsRead(new MemoryWebSessions(Clock.systemUTC()));
        String login = sessions.open("admin");
        Router router = new Router(sessions, new ConnectionGuard(64));
        new WebAppRoutes(null, sessions, (id, reason) -> { }, new AdminActions(Clock.systemUTC())).register(router);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        jetty.setHandler(router);
        jetty.start();

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + connector.getLocalPort() + "/webapp/api/session")).header("Cookie", WebCookie.NAME + "=" + login)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"message\":\"not logged in, or the session expired\"}");
    }

    /** Logins whose end comes right after their user was read, as a logout on another request thread would. */
    private static final class EndingAfterItsUserIsRead implements WebSessions {
        private final WebSessions inner;

        EndingAfterItsUserIsRead(WebSessions inner) {
            this.inner = inner;
        }

        @Override
        public String open(String user) {
            return inner.open(user);
        }

        @Override
        public Optional<String> user(String sessionId) {
            Optional<String> user = inner.user(sessionId);
            inner.close(sessionId);
            return user;
        }

        @Override
        public Optional<String> requestToken(String sessionId) {
            return inner.requestToken(sessionId);
        }

        @Override
        public void opened(String sessionId, String shadowId) {
            inner.opened(sessionId, shadowId);
        }

        @Override
        public void ended(String shadowId) {
            inner.ended(shadowId);
        }

        @Override
        public boolean owns(String sessionId, String shadowId) {
            return inner.owns(sessionId, shadowId);
        }

        @Override
        public List<String> close(String sessionId) {
            return inner.close(sessionId);
        }

        @Override
        public List<String> expireIdle() {
            return inner.expireIdle();
        }

        @Override
        public List<String> unlistedHere() {
            return inner.unlistedHere();
        }
    }
}
