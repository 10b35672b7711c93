package dev.ums.demo;

import dev.ums.demo.internal.vnc.FramebufferSource;
import dev.ums.demo.internal.vnc.RfbServerSession;
import dev.ums.protocol.log.RepeatedWarning;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small RFB 3.8 server (security None) for a {@link DemoDesktop}: Raw, CopyRect, Hextile and ZRLE in
 * true colour, at most {@link #MAX_VIEWERS} viewers at once (more are refused with a reason during the
 * handshake, at most {@link #MAX_REFUSING} at a time; beyond that a connection is closed at once). A viewer must
 * complete the handshake within {@link #HANDSHAKE_TIMEOUT}, a refused client within {@link #REFUSAL_TIMEOUT}. One
 * accept thread; each viewer gets its own session threads, each refused client one thread until its refusal is sent.
 */
public final class DemoVncServer implements AutoCloseable {
    public static final int MAX_VIEWERS = 8;
    /** Clients being refused at once, each on its own thread until it has sent its version and read the reason. */
    public static final int MAX_REFUSING = 8;
    /**
     * A viewer's connection opened by a device's agent waits, before its handshake, for the viewer at the far end of
     * the tunnel: {@code ums proxy} waits up to 60 s (its {@code --accept-timeout}) for the user to start one, so a
     * viewer's handshake gets twice that; a client that says nothing is closed after it.
     */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(120);
    /** A client refused beyond the viewers' limit only has to read its refusal. */
    public static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(DemoVncServer.class);

    private final FramebufferSource desktop;
    private final ServerSocket listener;
    private final Duration handshakeTimeout;
    private final Duration refusalTimeout;
    private final Set<RfbServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<RfbServerSession> refusing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    // what any client can trigger again and again: at most 20 lines a minute each
    private final RepeatedWarning refusedViewers = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "viewers refused beyond the limit");
    private final RepeatedWarning closedClients = RfbServerSession.closedClientsWarning();
    private final Thread acceptor;
    private volatile boolean closed;

    private DemoVncServer(FramebufferSource desktop, ServerSocket listener, Duration handshakeTimeout,
                          Duration refusalTimeout) {
        this.desktop = desktop;
        this.listener = listener;
        this.handshakeTimeout = handshakeTimeout;
        this.refusalTimeout = refusalTimeout;
        this.acceptor = new Thread(this::acceptLoop, "demo-vnc-" + desktop.name() + "-accept");
        this.acceptor.setDaemon(true);
    }

    /** Serves {@code desktop} on a free loopback port. */
    public static DemoVncServer start(DemoDesktop desktop) throws IOException {
        return start(desktop, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Serves {@code desktop} on {@code bind} (port 0 picks a free port). */
    public static DemoVncServer start(DemoDesktop desktop, InetSocketAddress bind) throws IOException {
        return start(desktop, bind, HANDSHAKE_TIMEOUT, REFUSAL_TIMEOUT);
    }

    /**
     * Serves {@code desktop} on {@code bind}, giving each viewer {@code handshakeTimeout} for the handshake and each
     * refused client {@code refusalTimeout}.
     */
    static DemoVncServer start(DemoDesktop desktop, InetSocketAddress bind, Duration handshakeTimeout,
                               Duration refusalTimeout) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(bind, 16);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + bind + " for the demo VNC server: " + e.getMessage(), e);
        }
        DemoVncServer server = new DemoVncServer(desktop, socket, handshakeTimeout, refusalTimeout);
        server.acceptor.start();
        LOG.debug("demo VNC server for {} on {}", desktop.name(), server.address());
        return server;
    }

    /** Where viewers connect. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Viewers connected now. */
    public int viewers() {
        return sessions.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("demo VNC server for {} stopped accepting: {}", desktop.name(), e.getMessage());
                }
                return;
            }
            try {
                serve(socket);
            } catch (IOException e) {
                LOG.debug("a viewer's connection failed at once", e);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        if (closed) {
            closeQuietly(socket); // accepted just before the listener closed: no session begins after the close
            return;
        }
        String name = "demo-vnc-" + desktop.name() + "-" + counter.incrementAndGet();
        boolean full = sessions.size() >= MAX_VIEWERS;
        if (full && refusing.size() >= MAX_REFUSING) {
            LOG.debug("{}: closed at once, {} viewers are connected and {} more are being refused", name,
                    sessions.size(), refusing.size());
            closeQuietly(socket);
            return;
        }
        socket.setTcpNoDelay(true);
        SocketHandshakeDeadline deadline = new SocketHandshakeDeadline(socket, full ? refusalTimeout : handshakeTimeout);
        Set<RfbServerSession> home = full ? refusing : sessions;
        RfbServerSession[] self = new RfbServerSession[1];
        RfbServerSession session = new RfbServerSession(desktop, deadline.input(), socket.getOutputStream(), socket,
                deadline, closedClients, name, () -> home.remove(self[0]));
        self[0] = session;
        home.add(session);
        if (full) {
            refusedViewers.warn("{}: refused, {} viewers are connected already", name, sessions.size());
            session.refuse("this demo desktop already has " + MAX_VIEWERS + " viewers");
        } else {
            session.start();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a socket", e);
        }
    }

    /**
     * Stops listening and ends every session, returning once their threads have ended, all within
     * {@link RfbServerSession#THREADS_END_WITHIN}.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + RfbServerSession.THREADS_END_WITHIN.toNanos();
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the listener", e);
        }
        try {
            // a client the acceptor is serving as the listener closes is in the sets once the acceptor has ended
            acceptor.join(RfbServerSession.THREADS_END_WITHIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<RfbServerSession> all = new ArrayList<>(sessions);
        all.addAll(refusing);
        all.forEach(RfbServerSession::stop);
        all.forEach(session -> session.awaitThreads(deadline));
    }
}
