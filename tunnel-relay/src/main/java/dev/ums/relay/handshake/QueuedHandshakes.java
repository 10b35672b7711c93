package dev.ums.relay.handshake;

import java.util.Objects;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ProxyConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's TLS for a server whose handshakes take turns ({@link HandshakeTurns}), so that a crowd of devices
 * reconnecting at once (a failover) is served first come, first served instead of all slowly together, and the
 * load balancer's health checks before them, so that it does not take a busy node for a dead one. Made
 * before the server starts, on the thread that assembles it; its connections are called on Jetty's threads.
 */
public final class QueuedHandshakes extends SslConnectionFactory {
    private final HandshakeTurns turns;

    /** TLS with {@code tls}, then {@code nextProtocol}, each connection's handshake waiting for its turn. */
    public QueuedHandshakes(SslContextFactory.Server tls, String nextProtocol, HandshakeTurns turns) {
        super(tls, nextProtocol);
        this.turns = turns;
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        return new QueuedSslConnection(connector.getByteBufferPool(), connector.getExecutor(), getSslContextFactory(),
                endPoint, engine, isDirectBuffersForEncryption(), isDirectBuffersForDecryption(), turns,
                fromBalancerItself(endPoint));
    }

    /**
     * A connection whose PROXY header names no client (the header's LOCAL command: the balancer's health check) keeps
     * the socket's own addresses; one the balancer relays names the client it relays.
     */
    private static boolean fromBalancerItself(EndPoint endPoint) {
        return endPoint instanceof ProxyConnectionFactory.ProxyEndPoint proxied
                && Objects.equals(proxied.getRemoteSocketAddress(), proxied.unwrap().getRemoteSocketAddress());
    }
}
