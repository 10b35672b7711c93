package dev.ums.protocol.link;

import static org.awaitility.Awaitility.await;

import dev.ums.protocol.tls.SelfSignedIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * A WebSocket peer for the link's tests (Jetty, plain or TLS on loopback): records the texts and the Authorization
 * of each connection and lets a test speak or close on the newest one. Jetty's threads call it.
 */
final class LinkTestServer implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final Server jetty = new Server();
    private final boolean tls;
    private volatile Session last;
    /** While not 0, upgrades are refused with this HTTP status. */
    volatile int refuseWith;
    /** While not null, upgrades wait for it before they are answered. */
    volatile CountDownLatch holdUpgrades;

    LinkTestServer(SelfSignedIdentity identity) throws Exception {
        tls = identity != null;
        ServerConnector connector;
        if (tls) {
            SslContextFactory.Server factory = new SslContextFactory.Server();
            factory.setKeyStore(identity.keyStore());
            factory.setKeyStorePassword(new String(SelfSignedIdentity.keyStorePassword()));
            factory.setSniRequired(false);
            HttpConfiguration http = new HttpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            HttpConnectionFactory plain = new HttpConnectionFactory(http);
            connector = new ServerConnector(jetty, new SslConnectionFactory(factory, plain.getProtocol()), plain);
        } else {
            connector = new ServerConnector(jetty);
        }
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(jetty, context, container ->
                container.addMapping("/link", (request, response, callback) -> {
                    authorizations.add(request.getHeaders().get("Authorization"));
                    CountDownLatch hold = holdUpgrades;
                    if (hold != null) {
                        hold.await();
                    }
                    if (refuseWith != 0) {
                        response.setStatus(refuseWith);
                        callback.succeeded();
                        return null;
                    }
                    connections.incrementAndGet();
                    return new Socket();
                })));
        jetty.setHandler(context);
        jetty.start();
    }

    URI uri() {
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port + "/link");
    }

    /** Sends {@code text} on the newest connection in {@code parts} frames. */
    void send(String text, int parts) {
        int step = Math.max(1, text.length() / parts);
        for (int from = 0; from < text.length(); from += step) {
            int to = Math.min(text.length(), from + step);
            Callback.Completable sent = new Callback.Completable();
            newest().sendPartialText(text.substring(from, to), to == text.length(), sent);
            sent.join();
        }
    }

    void closeNewest() {
        newest().close(1000, "bye", Callback.NOOP);
    }

    /** The newest connection, once Jetty has opened it here: the client may see it open a little earlier. */
    private Session newest() {
        if (!isNewestOpen()) {
            await().atMost(Duration.ofSeconds(10)).until(this::isNewestOpen);
        }
        return last;
    }

    private boolean isNewestOpen() {
        return opened.get() == connections.get() && last != null;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** Public because Jetty invokes the listener methods reflectively. */
    public final class Socket implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketOpen(Session session) {
            last = session;
            opened.incrementAndGet();
        }

        @Override
        public void onWebSocketText(String text) {
            received.add(text);
        }
    }
}
