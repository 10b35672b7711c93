package dev.ums.agent.internal.up;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A scriptable UP endpoint (Jetty over TLS with a fresh self-signed certificate, as the agent only speaks wss) for
 * the connector's protocol tests: records what the agent sends and the Authorization it used, welcomes with a chosen
 * heartbeat, echoes heartbeats or stays silent. Jetty's threads call the socket; the test thread the rest.
 */
public final class FakeUpServer implements AutoCloseable {
    final List<UpMessage> received = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final Server jetty = new Server();
    private final SelfSignedIdentity identity = SelfSignedIdentity.create("fake-up");
    private final int heartbeatSeconds;
    private final boolean echoHeartbeats;
    private volatile Session last;
    /** The device id the next welcomes name. */
    volatile String welcomeDeviceId = "5";

    FakeUpServer(int heartbeatSeconds, boolean echoHeartbeats) throws Exception {
        this.heartbeatSeconds = heartbeatSeconds;
        this.echoHeartbeats = echoHeartbeats;
        jetty.addConnector(tlsConnector());
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(jetty, context, container ->
                container.addMapping(UpPaths.UP, (request, response, callback) -> {
                    authorizations.add(request.getHeaders().get("Authorization"));
                    connections.incrementAndGet();
                    return new Socket();
                }));
        context.setHandler(upgrade);
        jetty.setHandler(context);
        jetty.start();
    }

    private ServerConnector tlsConnector() throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity.keyStore());
        tls.setKeyStorePassword(new String(SelfSignedIdentity.keyStorePassword()));
        tls.setSniRequired(false);
        HttpConfiguration config = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);
        HttpConnectionFactory http = new HttpConnectionFactory(config);
        ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(tls, http.getProtocol()), http);
        connector.setHost("127.0.0.1");
        return connector;
    }

    /** The server's base URL, as an agent is configured with it. */
    String baseUrl() {
        return "https://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    /** The pin of this server's certificate. */
    String fingerprint() {
        return identity.fingerprint();
    }

    /** The shadow results the agent sent for {@code sessionId}, in order. */
    List<UpMessage.ShadowResult> results(String sessionId) {
        return received.stream().filter(UpMessage.ShadowResult.class::isInstance).map(UpMessage.ShadowResult.class::cast)
                .filter(r -> sessionId.equals(r.sessionId())).toList();
    }

    UpstreamUrl url() {
        return UpstreamUrl.parse("https://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
    }

    /** A client that trusts this server's certificate by its pin, as the agent's does. */
    HttpClient pinnedClient() {
        return HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(identity.fingerprint()).sslContext()).build();
    }

    /** Sends raw text on the most recent connection. */
    void send(String text) {
        last.sendText(text, Callback.NOOP);
    }

    /** Closes the most recent connection with {@code status} and {@code reason}. */
    void closeLast(int status, String reason) {
        last.close(status, reason, Callback.NOOP);
    }

    long count(Class<? extends UpMessage> type) {
        return received.stream().filter(type::isInstance).count();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** Public because Jetty invokes the listener methods reflectively. */
    public final class Socket implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            last = session;
        }

        @Override
        public void onWebSocketText(String text) {
            UpMessage message = UpMessage.parse(text);
            received.add(message);
            if (message instanceof UpMessage.Hello) {
                session.sendText(new UpMessage.Welcome(welcomeDeviceId, heartbeatSeconds).toJson(), Callback.NOOP);
            } else if (message instanceof UpMessage.Heartbeat && echoHeartbeats) {
                session.sendText(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson(), Callback.NOOP);
            }
        }
    }
}
