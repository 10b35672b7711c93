package dev.ums.relay;

import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.relay.handshake.HandshakeTurns;
import dev.ums.relay.handshake.QueuedHandshakes;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Builds a Jetty server that speaks only TLS (1.2+) with a self-signed identity, REST and WebSockets on one port. */
public final class TlsServerFactory {
    private static final String DIRECT = "tls";
    private static final String BEHIND_BALANCER = "tls-behind-balancer";
    /** Largest binary frame a tunnel accepts; clients send at most 64 KiB per frame. */
    public static final int MAX_FRAME = 256 * 1024;
    /** How long a connection may stay silent before it is closed (WebSockets set their own). */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private TlsServerFactory() {
    }

    /**
     * A server on {@code bind:port}: {@code rest} answers plain requests, {@code webSockets} maps the upgrades,
     * {@code guard} limits the connections one address holds before it authenticated, and the TLS handshakes take
     * {@code turns}.
     */
    public static Server create(String bind, int port, SelfSignedIdentity identity, Handler rest,
                                Consumer<ServerWebSocketContainer> webSockets, ConnectionGuard guard,
                                HandshakeTurns turns) {
        return create(bind, port, -1, identity, rest, webSockets, guard, turns);
    }

    /**
     * As {@link #create(String, int, SelfSignedIdentity, Handler, Consumer, ConnectionGuard, HandshakeTurns)}, with
     * a second port,
     * {@code proxyPort} (0: any free one; negative: none), for a load balancer: each of its connections must begin
     * with a PROXY protocol header (v1 or v2), which gives the client's own address to everything that looks at
     * addresses (the guard, login throttling, the audit log, devices' addresses); one without is closed.
     */
    public static Server create(String bind, int port, int proxyPort, SelfSignedIdentity identity, Handler rest,
                                Consumer<ServerWebSocketContainer> webSockets, ConnectionGuard guard,
                                HandshakeTurns turns) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("ums-http");
        // Idle threads above the minimum may all end once idle for the pool's timeout (60 s); Jetty's default
        // ends one per timeout, so a burst of connections (an attack) would leave its threads for hours.
        threads.setMaxEvictCount(200);
        Server server = new Server(threads);

        SslContextFactory.Server tls = new SslContextFactory.Server();
        try {
            tls.setKeyStore(identity.keyStore());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the TLS identity cannot be loaded", e);
        }
        tls.setKeyStorePassword(new String(SelfSignedIdentity.keyStorePassword()));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // AES-128-GCM first: as safe for this use and about a third cheaper per byte than AES-256, which
        // matters on a relay that decrypts and re-encrypts every byte of a screen stream.
        tls.setIncludeCipherSuites("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        tls.setUseCipherSuitesOrder(true);
        tls.setSniRequired(false);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
        QueuedHandshakes tlsFactory = new QueuedHandshakes(tls, httpFactory.getProtocol(), turns);
        server.addConnector(connector(server, bind, port, DIRECT, guard, tlsFactory, httpFactory));
        if (proxyPort >= 0) {
            server.addConnector(connector(server, bind, proxyPort, BEHIND_BALANCER, guard,
                    new RequiredProxyHeader(tlsFactory.getProtocol()), tlsFactory, httpFactory));
        }

        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxBinaryMessageSize(MAX_FRAME);
            container.setMaxFrameSize(MAX_FRAME);
            container.setMaxTextMessageSize(64 * 1024);
            container.setIdleTimeout(Duration.ofHours(2));
            webSockets.accept(container);
        });
        upgrade.setHandler(rest);
        context.setHandler(upgrade);
        server.setHandler(context);
        server.setStopTimeout(2000);
        return server;
    }

    private static ServerConnector connector(Server server, String bind, int port, String name, ConnectionGuard guard,
                                             ConnectionFactory... factories) {
        ServerConnector connector = new ServerConnector(server, factories);
        connector.setName(name);
        connector.setHost(bind);
        connector.setPort(port);
        connector.setReuseAddress(true);
        // a peer that sends nothing (a header trickled byte by byte, a finished request kept alive) is let go
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.addBean(guard);
        return connector;
    }

    /** The bound port clients connect to directly. */
    public static int localPort(Server server) {
        return localPort(server, DIRECT);
    }

    /** The bound port for the load balancer (PROXY protocol), or -1 when the server has none. */
    public static int proxyPort(Server server) {
        return localPort(server, BEHIND_BALANCER);
    }

    private static int localPort(Server server, String name) {
        for (Connector c : server.getConnectors()) {
            if (c instanceof ServerConnector sc && name.equals(sc.getName())) {
                return sc.getLocalPort();
            }
        }
        return -1;
    }
}
