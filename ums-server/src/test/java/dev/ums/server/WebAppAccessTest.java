package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.testkit.device.FakeDevice;
import dev.ums.testkit.log.CapturedLog;
import dev.ums.testkit.net.FreePort;
import dev.ums.testkit.time.MovableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's access rules over real TLS, as a browser's requests look on the wire: the login only from the
 * server's own origin and its cookie's attributes, state-changing calls only with the login's request token, and
 * the browser's tunnel upgrade refused with a foreign origin, without the cookie, with another login's cookie,
 * or with a used token; a logout ends the login's open session.
 */
class WebAppAccessTest {
    @TempDir
    Path data;
    @RegisterExtension
    CapturedLog adminLog = new CapturedLog("dev.ums.server.internal.audit.AdminActions");
    UmsServer server;
    RestClient rest;
    HttpClient http;
    String origin;

    record WebLogin(String cookie, String token) {
    }

    record LoginAnswer(String user, String requestToken) {
    }

    @BeforeEach
    void start() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(data));
        rest = RestClient.asAdmin(server);
        http = RestClient.pinnedClient(server);
        origin = "https://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theLoginComesOnlyFromTheServersOwnPagesAndItsCookieIsStrict() throws Exception {
        assertThat(login("https://evil.example").statusCode()).isEqualTo(403);
        assertThat(login(null).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = login(origin);
        assertThat(ok.statusCode()).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("__Host-ums-webapp=").contains("; Path=/", "; Secure", "; HttpOnly",
                "; SameSite=Strict");
        assertThat(WireJson.read(ok.body(), LoginAnswer.class).user()).isEqualTo("admin");

        for (String bad : new String[] {"Basic !!!", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(
                StandardCharsets.UTF_8)), "Bearer x"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/webapp/api/login"))
                    .header("Origin", origin).header("Authorization", bad).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(bad).isEqualTo(401);
            assertThat(r.body()).as(bad).isEqualTo("{\"message\":\"log in with a user name and a password\"}");
        }
        assertThat(send("GET", "/webapp/api/session", "__Host-ums-webapp=forged", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aStateChangingCallNeedsTheLoginsRequestToken() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            WebLogin web = webLogin();
            assertThat(send("GET", "/umsapi/v3/thinclients", web.cookie(), null).statusCode()).isEqualTo(200);
            HttpResponse<String> without = send("POST", "/umsapi/v3/thinclients/" + device.id() + "/shadow", web.cookie(), null);
            assertThat(without.statusCode()).isEqualTo(403);
            assertThat(without.body()).contains("request token");
            assertThat(send("POST", "/umsapi/v3/thinclients/" + device.id() + "/shadow", web.cookie(), "forged")
                    .statusCode()).isEqualTo(403);
            assertThat(send("POST", "/webapp/api/logout", web.cookie(), null).statusCode()).isEqualTo(403);
            // a JSESSIONID beside the web cookie does not lift the web app's rules
            String jsession = "JSESSIONID=" + rest.login("admin", "admin-secret").as(dev.ums.protocol.imi.Message.class)
                    .message().substring("JSESSIONID=".length());
            assertThat(send("POST", "/umsapi/v3/thinclients/" + device.id() + "/shadow", web.cookie() + "; " + jsession,
                    null).statusCode()).isEqualTo(403);
            assertThat(shadowLog(device)).isEmpty();
        }
    }

    @Test
    void theShadowFacetIssuesAPasswordSoWithTheWebCookieItNeedsTheRequestTokenToo() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            WebLogin web = webLogin();
            String facet = "/umsapi/v3/thinclients/" + device.id() + "?facets=details,shadow";

            HttpResponse<String> without = send("GET", facet, web.cookie(), null);
            assertThat(without.statusCode()).isEqualTo(403);
            assertThat(without.body()).contains("request token");
            assertThat(shadowLog(device)).as("no password issued, nothing logged").isEmpty();
            assertThat(send("GET", "/umsapi/v3/thinclients/" + device.id() + "?facets=details", web.cookie(), null)
                    .statusCode()).as("other facets stay plain reads").isEqualTo(200);

            assertThat(send("GET", facet, web.cookie(), web.token()).statusCode()).isEqualTo(200);
            assertThat(rest.get(facet).status()).as("an API client's JSESSIONID, as IMI's").isEqualTo(200);
            assertThat(shadowLog(device)).hasSize(2);
        }
    }

    @Test
    void theBrowsersTunnelNeedsTheOwnOriginTheCookieOfItsLoginAndAnUnusedToken() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            WebLogin web = webLogin();
            WebLogin other = webLogin();

            ShadowSession first = shadow(device, web);
            assertThat(upgradeStatus(first, "https://evil.example", web.cookie())).isEqualTo(403);
            assertThat(upgradeStatus(first, origin, web.cookie())).as("the token was used").isEqualTo(401);

            ShadowSession second = shadow(device, web);
            assertThat(upgradeStatus(second, origin, null)).isEqualTo(401);

            ShadowSession third = shadow(device, web);
            assertThat(upgradeStatus(third, origin, other.cookie())).isEqualTo(401);

            ShadowSession fourth = shadow(device, web);
            WebSocketEndpoint deviceSide = null;
            for (int i = 0; i < 4; i++) {
                deviceSide = device.nextTunnel();
            }
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket browser = upgrade(fourth, origin, web.cookie(), received).get(10, TimeUnit.SECONDS);
            assertThat(browser.getSubprotocol()).isEqualTo("ums-tunnel");
            deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("RFB 003.008\n");

            assertThat(send("POST", "/webapp/api/logout", web.cookie(), web.token()).statusCode()).isEqualTo(200);
            assertThat(deviceSide.input().read()).isEqualTo(-1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.relay().activeSessions() == 0);
            assertThat(send("GET", "/webapp/api/session", web.cookie(), null).statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shadowLog(device)).hasSize(4)
                    .allSatisfy(e -> {
                        assertThat(e.client()).isEqualTo("web app");
                        assertThat(e.end()).isNotNull();
                    })
                    .first().satisfies(e -> assertThat(e.detail()).isEqualTo("the administrator logged out of the web app")));
        }
    }

    @Test
    void aSessionThatEndedIsForgottenByItsLoginSoItsLogoutEndsNone() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            WebLogin web = webLogin();
            ShadowSession session = shadow(device, web);
            WebSocketEndpoint deviceSide = device.nextTunnel();
            WebSocket browser = upgrade(session, origin, web.cookie(), new LinkedBlockingQueue<>())
                    .get(10, TimeUnit.SECONDS);
            browser.sendClose(WebSocket.NORMAL_CLOSURE, "the page was closed").get(10, TimeUnit.SECONDS);
            assertThat(deviceSide.input().read()).isEqualTo(-1);
            // the login forgets the session before the shadow log shows its end
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shadowLog(device)).singleElement()
                    .satisfies(e -> assertThat(e.end()).isNotNull()));

            assertThat(send("POST", "/webapp/api/logout", web.cookie(), web.token()).statusCode()).isEqualTo(200);
            assertThat(adminLog.events()).last().extracting(e -> e.getFormattedMessage()).isEqualTo(
                    "admin logged out of the web app from 127.0.0.1; 0 shadow session(s) opened in the login ended");
        }
    }

    @Test
    void theWebAppsTunnelTokenAloneOpensNothingWithoutTheBrowsersOriginAndCookie() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            WebLogin web = webLogin();
            ShadowSession session = shadow(device, web);
            // as a copied token would be used: a Bearer header, no Origin, no cookie
            assertThat(bearerUpgradeStatus(session)).isEqualTo(403);
        }
    }

    @Test
    void aCallWithALoginCookieThatAPageOfAnotherSiteStartedIsRefused() throws Exception {
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            String jsession = "JSESSIONID=" + rest.login("admin", "admin-secret").as(dev.ums.protocol.imi.Message.class)
                    .message().substring("JSESSIONID=".length());
            WebLogin web = webLogin();
            String shadow = "/umsapi/v3/thinclients/" + device.id() + "/shadow";
            String secret = "/umsapi/v3/thinclients/" + device.id() + "?facets=shadow";
            // a form of another site posting with the browser's REST cookie (no SameSite: IMI's cookie as it is)
            assertRefused(browser("POST", shadow, jsession, Map.of("Origin", "https://evil.example",
                    "Sec-Fetch-Site", "cross-site")));
            assertRefused(browser("POST", shadow, jsession, Map.of("Origin", "null")));
            // an image of another site, or of a sibling host (same site: SameSite=Strict sends the web cookie)
            assertRefused(browser("GET", secret, jsession, Map.of("Sec-Fetch-Site", "cross-site")));
            assertRefused(browser("GET", secret, web.cookie(), Map.of("Sec-Fetch-Site", "same-site")));
            assertRefused(browser("POST", shadow, web.cookie() + "; " + jsession,
                    Map.of("Origin", "https://evil.example", "X-UMS-Request-Token", web.token())));
            assertThat(shadowLog(device)).isEmpty();

            // the web app's own calls, a typed address and API clients (no Origin, no Sec-Fetch-Site) go on
            assertThat(browser("GET", "/umsapi/v3/thinclients", web.cookie(), Map.of("Sec-Fetch-Site", "same-origin"))
                    .statusCode()).isEqualTo(200);
            assertThat(browser("GET", "/umsapi/v3/thinclients", jsession, Map.of("Sec-Fetch-Site", "none"))
                    .statusCode()).isEqualTo(200);
            assertThat(browser("POST", shadow, jsession, Map.of()).statusCode()).isEqualTo(200);
            assertThat(browser("POST", shadow, jsession, Map.of("Origin", origin)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSessionCallThatKeepsALoginAliveIsRefusedToAPageOfAnotherSiteOrASiblingHost() throws Exception {
        WebLogin web = webLogin();
        // a sibling host's image, script or frame every minute kept an abandoned login (and its sessions) from idling out
        assertRefused(browser("GET", "/webapp/api/session", web.cookie(), Map.of("Sec-Fetch-Site", "same-site")));
        assertRefused(browser("GET", "/webapp/api/session", web.cookie(), Map.of("Sec-Fetch-Site", "cross-site")));
        assertRefused(browser("GET", "/webapp/api/session", web.cookie(), Map.of("Origin", "https://evil.example")));

        // the page's own call, and one from a browser that sends neither header
        HttpResponse<String> own = browser("GET", "/webapp/api/session", web.cookie(),
                Map.of("Sec-Fetch-Site", "same-origin"));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(WireJson.read(own.body(), LoginAnswer.class).requestToken()).isEqualTo(web.token());
        assertThat(browser("GET", "/webapp/api/session", web.cookie(), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionStillBeingOpenedWhenItsLoginLogsOutIsEndedAndNotHandedOut() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").answering(open -> {
            asked.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return dev.ums.protocol.up.ShadowOutcome.ACCEPTED;
        }).connect()) {
            WebLogin web = webLogin();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> shadow = http.sendAsync(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/umsapi/v3/thinclients/" + device.id() + "/shadow"))
                    .header("Origin", origin).header("Cookie", web.cookie()).header("X-UMS-Request-Token", web.token())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"viewOnly\":false}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(send("POST", "/webapp/api/logout", web.cookie(), web.token()).statusCode()).isEqualTo(200);
            answer.countDown();

            HttpResponse<String> late = shadow.get(20, TimeUnit.SECONDS);
            assertThat(late.statusCode()).as(late.body()).isEqualTo(401);
            assertThat(late.body()).isEqualTo("{\"message\":\"the web app's login ended while the session was being "
                    + "opened\"}");
            assertThat(device.nextTunnel().input().read()).isEqualTo(-1);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.relay().activeSessions() == 0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shadowLog(device)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.end()).isNotNull();
                        assertThat(e.detail()).isEqualTo("the administrator logged out of the web app");
                    }));
        }
    }

    @Test
    void aLoginThatExpiresFromIdlenessEndsItsSessionsAsALogoutDoes() throws Exception {
        server.close();
        MovableClock clock = MovableClock.now();
        // the tunnel's own idle limit beyond the login's, so that only the login's expiry can end the session
        server = UmsServer.start(ServerConfig.forTests(data).withClock(clock).withTunnelIdleLimit(Duration.ofHours(2)));
        rest = RestClient.asAdmin(server);
        http = RestClient.pinnedClient(server);
        origin = "https://127.0.0.1:" + server.port();
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            WebLogin web = webLogin();
            ShadowSession session = shadow(device, web);
            WebSocketEndpoint deviceSide = device.nextTunnel();
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            upgrade(session, origin, web.cookie(), received).get(10, TimeUnit.SECONDS);
            deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("RFB 003.008\n");

            clock.advance(WebSessions.IDLE.plusMinutes(1));
            // the server's housekeeping expires the login within seconds
            await().atMost(Duration.ofSeconds(20)).until(() -> server.relay().activeSessions() == 0);
            assertThat(deviceSide.input().read()).isEqualTo(-1);
            rest = RestClient.asAdmin(server); // the REST API's login idled out too
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shadowLog(device)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.end()).isNotNull();
                        assertThat(e.detail()).isEqualTo("the web app's login expired after 30 minutes without use");
                    }));
            assertThat(send("GET", "/webapp/api/session", web.cookie(), null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aBrowsersTunnelGoesToItsPagesHostWhileConsolesGoToTheNodesAdvertisedAddress() throws Exception {
        server.close();
        int port = FreePort.pick();
        // the node's own address (as behind a load balancer) is another name than the one the page was loaded from
        String advertised = "https://localhost:" + port;
        server = UmsServer.start(ServerConfig.forTests(data).withPort(port).toBuilder().advertiseUrl(advertised).build());
        rest = RestClient.asAdmin(server);
        http = RestClient.pinnedClient(server);
        origin = "https://127.0.0.1:" + server.port();
        try (FakeDevice device = ServerDevices.enroll(server, "pos-1").connect()) {
            WebLogin web = webLogin();
            ShadowSession session = shadow(device, web);
            assertThat(session.tunnelUrl()).isEqualTo("wss://127.0.0.1:" + port + "/shadow/tunnel/" + session.sessionId());
            WebSocketEndpoint deviceSide = device.nextTunnel();
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            upgrade(session, origin, web.cookie(), received).get(10, TimeUnit.SECONDS);
            deviceSide.output().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("RFB 003.008\n");

            String jsession = "JSESSIONID=" + rest.login("admin", "admin-secret").as(dev.ums.protocol.imi.Message.class)
                    .message().substring("JSESSIONID=".length());
            HttpResponse<String> console = browser("POST", "/umsapi/v3/thinclients/" + device.id() + "/shadow", jsession,
                    Map.of());
            assertThat(console.statusCode()).as(console.body()).isEqualTo(200);
            assertThat(WireJson.read(console.body(), ShadowSession.class).tunnelUrl()).startsWith("wss://localhost:" + port
                    + "/shadow/tunnel/");
        }
    }

    @Test
    void theRestApisLogoutDoesNotClaimToEndAWebLoginItLeavesOpen() throws Exception {
        WebLogin web = webLogin();
        HttpResponse<String> r = send("POST", "/umsapi/v3/logout", web.cookie(), web.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"message\":\"this call ends the REST API's login; the web app logs out at "
                + "/webapp/api/logout\"}");
        assertThat(send("GET", "/webapp/api/session", web.cookie(), null).statusCode()).isEqualTo(200);

        // a browser holding both cookies ends the REST API's login there, as before
        String jsession = "JSESSIONID=" + rest.login("admin", "admin-secret").as(dev.ums.protocol.imi.Message.class)
                .message().substring("JSESSIONID=".length());
        assertThat(send("POST", "/umsapi/v3/logout", web.cookie() + "; " + jsession, web.token()).statusCode())
                .isEqualTo(200);
        assertThat(browser("GET", "/umsapi/v3/thinclients", jsession, Map.of()).statusCode()).isEqualTo(401);
    }

    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"message\":\"the request came from a page of another site; the server "
                + "accepts it only from its own web app or an API client\"}");
    }

    private HttpResponse<String> browser(String method, String path, String cookie, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Cookie", cookie)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"viewOnly\":false}"));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String from) throws Exception {
        String basic = Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/webapp/api/login"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody());
        if (from != null) {
            b.header("Origin", from);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private WebLogin webLogin() throws Exception {
        HttpResponse<String> ok = login(origin);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new WebLogin(cookie, WireJson.read(ok.body(), LoginAnswer.class).requestToken());
    }

    private HttpResponse<String> send(String method, String path, String cookie, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Origin", origin).header("Cookie", cookie)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"viewOnly\":false}"));
        if (token != null) {
            b.header("X-UMS-Request-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ShadowSession shadow(FakeDevice device, WebLogin web) throws Exception {
        HttpResponse<String> r = send("POST", "/umsapi/v3/thinclients/" + device.id() + "/shadow", web.cookie(), web.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return WireJson.read(r.body(), ShadowSession.class);
    }

    private int upgradeStatus(ShadowSession session, String from, String cookie) throws Exception {
        try {
            upgrade(session, from, cookie, new LinkedBlockingQueue<>()).get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The upgrade a console makes, with the token in the Bearer header: its HTTP status (101 when it opened). */
    private int bearerUpgradeStatus(ShadowSession session) throws Exception {
        try {
            http.newWebSocketBuilder().header("Authorization", "Bearer " + session.token())
                    .buildAsync(URI.create(session.tunnelUrl()), new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private java.util.concurrent.CompletableFuture<WebSocket> upgrade(ShadowSession session, String from, String cookie,
                                                                      LinkedBlockingQueue<String> received) {
        WebSocket.Builder b = http.newWebSocketBuilder().header("Origin", from)
                .subprotocols("ums-tunnel", "ums-token." + session.token());
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b.buildAsync(URI.create(session.tunnelUrl()), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                received.add(new String(bytes, StandardCharsets.US_ASCII));
                socket.request(1);
                return null;
            }
        });
    }

    private java.util.List<AuditEntry> shadowLog(FakeDevice device) {
        return java.util.List.of(rest.get("/umsapi/v3/thinclients/" + device.id() + "/shadowlog").as(AuditEntry[].class));
    }
}
