package dev.ums.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits how many connections one address may hold open before any request on them proved who it is. A
 * connection counts from its accept until a request on it authenticates ({@link #authenticated}) or it
 * closes; a connection over the limit is closed at once, before its TLS handshake. Authenticated
 * connections (devices' sockets, consoles with a session) do not count, so a fleet behind one NAT address is
 * not limited, only what an anonymous peer can hold. Jetty calls the listener methods on its selector
 * threads and {@link #authenticated} on request threads; every method is thread-safe.
 */
public final class ConnectionGuard implements Connection.Listener {
    /** Unauthenticated connections one address may hold by default. */
    public static final int DEFAULT_PER_ADDRESS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long REFUSAL_LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final int perAddress;
    private final ConcurrentHashMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();
    /** The TLS connections not yet authenticated, with their peer's address (a closed socket no longer knows it). */
    private final ConcurrentHashMap<SslConnection, InetAddress> unauthenticated = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedUnlogged = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);

    public ConnectionGuard(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("the unauthenticated connections per address must be at least 1, got "
                    + perAddress);
        }
        this.perAddress = perAddress;
    }

    public int perAddress() {
        return perAddress;
    }

    /** Connections closed at accept because their address held too many, since start. */
    public long refused() {
        return refused.get();
    }

    /** Unauthenticated connections open right now, all addresses together. */
    public int unauthenticated() {
        return unauthenticated.size();
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection instanceof SslConnection)
                || !(connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress remote)) {
            return;
        }
        InetAddress address = remote.getAddress();
        int held = counts.merge(address, 1, Integer::sum);
        if (held > perAddress) {
            release(address);
            refused.incrementAndGet();
            logRefusal(address);
            connection.getEndPoint().close();
            return;
        }
        unauthenticated.put((SslConnection) connection, address);
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof SslConnection tls) {
            forget(tls);
        }
    }

    /** A request on this connection proved who sent it: the connection no longer counts against its address. */
    public void authenticated(Request request) {
        if (request.getConnectionMetaData().getConnection().getEndPoint() instanceof SslConnection.SslEndPoint tls) {
            forget(tls.getSslConnection());
        }
    }

    private void forget(SslConnection connection) {
        InetAddress address = unauthenticated.remove(connection);
        if (address != null) {
            release(address);
        }
    }

    private void release(InetAddress address) {
        counts.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** One line a minute at most, however hard the flood: the count says how many were refused. */
    private void logRefusal(InetAddress address) {
        refusedUnlogged.incrementAndGet();
        long last = lastLog.get();
        long now = System.nanoTime();
        if (now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
            LOG.warn("refused {} connection(s) in the last minute from addresses holding {} unauthenticated "
                    + "connections (the latest from {})", refusedUnlogged.getAndSet(0), perAddress,
                    address.getHostAddress());
        }
    }
}
