package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.relay.handshake.HandshakeTurns;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token granted to browsers only (the web app's) opens nothing when presented any other way: a copy taken from a
 * browser (a HAR file, a proxy's log) in an Authorization header is refused with 403 and used up, while a token any
 * client may present opens its side. A real relay behind real TLS, a real WebSocket client.
 */
class BrowserOnlyTokenTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final TunnelTokens tokens = new TunnelTokens(Clock.systemUTC());
    private final TunnelRelay relay = new TunnelRelay(Clock.systemUTC(), RelayObserver.NONE, Duration.ofMinutes(5));
    private SelfSignedIdentity identity;
    private Server server;

    @BeforeEach
    void start() throws Exception {
        identity = SelfSignedIdentity.create("relay");
        ConnectionGuard guard = new ConnectionGuard(64);
        Handler nothingElse = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        };
        server = TlsServerFactory.create("127.0.0.1", 0, identity, nothingElse,
                container -> container.addMapping(TunnelUpgrade.pathSpec(), new TunnelUpgrade(tokens, relay, guard)),
                guard, HandshakeTurns.forProcessors());
        server.start();
        relay.open("s-1");
    }

    /** As the server and the gateway stop: the relay's sessions first, so no tunnel holds Jetty's graceful stop. */
    @AfterEach
    void stop() throws Exception {
        relay.closeAll("the test ends");
        server.stop();
    }

    @Test
    void aBrowsersTokenInAnAuthorizationHeaderIsRefusedAndUsedUp() {
        tokens.grant("browser-token", "s-1", TunnelSide.CONSOLE, WAIT, Presenter.BROWSER);

        assertThatThrownBy(() -> connect("browser-token")).hasMessage("the tunnel refused the session token (HTTP 403)");
        assertThat(tokens.consume("browser-token", "s-1")).as("used up by its presentation").isEmpty();
    }

    @Test
    void aTokenAnyClientMayPresentOpensItsSide() throws Exception {
        tokens.grant("console-token", "s-1", TunnelSide.CONSOLE, WAIT, Presenter.ANY);

        try (WebSocketEndpoint console = connect("console-token")) {
            assertThat(console).isNotNull();
        }
    }

    private WebSocketEndpoint connect(String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(identity.fingerprint())
                .sslContext()).build();
        return WebSocketEndpoint.connect(client, URI.create("wss://127.0.0.1:" + TlsServerFactory.localPort(server)
                + "/shadow/tunnel/s-1"), token, WAIT);
    }
}
