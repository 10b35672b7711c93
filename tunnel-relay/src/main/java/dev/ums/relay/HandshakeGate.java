package dev.ums.relay;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.AbstractConnector;

/**
 * Bounds how many TLS handshakes a server runs at once; the connections beyond wait, in arrival order, in the
 * listening socket's queue of the operating system until one finishes. A reconnect storm (a node died and its
 * devices all come to this one) otherwise starts thousands of handshakes together, each gets a sliver of the CPU,
 * none finishes before its client gives up, and the server pays for most of each abandoned one; bounded, they finish
 * one batch after another at the rate the CPU allows (docs/SCALE-OUT.md "Sizing"). The bound is wide enough that
 * handshakes waiting on a slow network do not lower that rate. A connection counts from its opening until its
 * handshake succeeded, failed or the connection closed; while {@link #limit()} are counted, every connector this
 * gate guards stops accepting. Jetty calls the listener methods on its selector and request threads; thread-safe.
 */
public final class HandshakeGate implements Connection.Listener, SslHandshakeListener {
    /** Handshakes in flight per processor by default: the CPU is busy long before, a slow network is not. */
    public static final int PER_PROCESSOR = 64;

    private final int limit;
    private final Set<SSLEngine> inFlight = ConcurrentHashMap.newKeySet();
    private final List<AbstractConnector> connectors = new CopyOnWriteArrayList<>();
    private final AtomicLong pauses = new AtomicLong();
    private volatile boolean paused;

    public HandshakeGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the handshakes in flight must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /** A gate for this machine: {@link #PER_PROCESSOR} handshakes per available processor. */
    public static HandshakeGate forThisMachine() {
        return new HandshakeGate(PER_PROCESSOR * Runtime.getRuntime().availableProcessors());
    }

    /** Guards this connector too: it stops accepting while the gate is full. */
    public void guard(AbstractConnector connector) {
        connectors.add(connector);
        connector.addBean(this);
    }

    public int limit() {
        return limit;
    }

    /** Handshakes in flight right now. */
    public int inFlight() {
        return inFlight.size();
    }

    /** How often the gate was full and the connectors stopped accepting, since start. */
    public long pauses() {
        return pauses.get();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof SslConnection tls && connection.getEndPoint().isOpen()) {
            inFlight.add(tls.getSSLEngine());
            adjust();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof SslConnection tls) {
            done(tls.getSSLEngine());
        }
    }

    @Override
    public void handshakeSucceeded(Event event) {
        done(event.getSSLEngine());
    }

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        done(event.getSSLEngine());
    }

    private void done(SSLEngine engine) {
        if (inFlight.remove(engine)) {
            adjust();
        }
    }

    /** Pauses or resumes accepting; the last caller's view of the count wins, so the state never sticks. */
    private synchronized void adjust() {
        boolean full = inFlight.size() >= limit;
        if (full == paused) {
            return;
        }
        paused = full;
        if (full) {
            pauses.incrementAndGet();
        }
        for (AbstractConnector connector : connectors) {
            connector.setAccepting(!full);
        }
    }
}
