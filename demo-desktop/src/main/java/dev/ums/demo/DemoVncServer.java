package dev.ums.demo;

import dev.ums.demo.internal.vnc.FramebufferSource;
import dev.ums.demo.internal.vnc.RfbServerSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small RFB 3.8 server (security None) for a {@link DemoDesktop}: Raw, CopyRect, Hextile and ZRLE in
 * true colour, at most {@link #MAX_VIEWERS} viewers at once (more are refused with a reason during the
 * handshake). One accept thread; each viewer gets its own session threads.
 */
public final class DemoVncServer implements AutoCloseable {
    public static final int MAX_VIEWERS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(DemoVncServer.class);

    private final FramebufferSource desktop;
    private final ServerSocket listener;
    private final Set<RfbServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private DemoVncServer(FramebufferSource desktop, ServerSocket listener) {
        this.desktop = desktop;
        this.listener = listener;
        this.acceptor = new Thread(this::acceptLoop, "demo-vnc-" + desktop.name() + "-accept");
        this.acceptor.setDaemon(true);
    }

    /** Serves {@code desktop} on a free loopback port. */
    public static DemoVncServer start(DemoDesktop desktop) throws IOException {
        return start(desktop, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Serves {@code desktop} on {@code bind} (port 0 picks a free port). */
    public static DemoVncServer start(DemoDesktop desktop, InetSocketAddress bind) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(bind, 16);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + bind + " for the demo VNC server: " + e.getMessage(), e);
        }
        DemoVncServer server = new DemoVncServer(desktop, socket);
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
        socket.setTcpNoDelay(true);
        String name = "demo-vnc-" + desktop.name() + "-" + counter.incrementAndGet();
        RfbServerSession[] self = new RfbServerSession[1];
        RfbServerSession session = new RfbServerSession(desktop, socket.getInputStream(), socket.getOutputStream(),
                socket, name, () -> sessions.remove(self[0]));
        self[0] = session;
        if (closed || sessions.size() >= MAX_VIEWERS) {
            LOG.warn("{}: refused, {} viewers are connected already", name, sessions.size());
            session.refuse("this demo desktop already has " + MAX_VIEWERS + " viewers");
            return;
        }
        sessions.add(session);
        session.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing a socket", e);
        }
    }

    /** Stops listening and ends every session. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the listener", e);
        }
        sessions.forEach(RfbServerSession::close);
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
