package dev.ums.console.proxy;

import dev.ums.console.core.ShadowConnection;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one open shadow session to one external VNC viewer on a local port: the viewer sees a plain VNC
 * server, its bytes go through the session's tunnel. Used by {@code ums proxy} and by the console's
 * external-viewer mode: {@link #bind} first (so a busy port fails before anyone is asked to accept a
 * session), then {@link #serveOne} with the session. {@code serveOne} blocks; {@link #close()} may be called
 * from any thread and ends everything.
 */
public final class LocalProxy implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProxy.class);

    private final ServerSocket listener;
    private volatile WatchedTunnel tunnel;
    private volatile BytePump pump;
    private volatile boolean closed;
    private volatile ShadowConnection served;
    private final ShadowConnection attached;

    private LocalProxy(ServerSocket listener, ShadowConnection attached) {
        this.listener = listener;
        this.attached = attached;
    }

    /** Binds for a session that is already open; serve it with {@link #serveOne()}. */
    public static LocalProxy listen(ShadowConnection connection, ListenAddress address) throws IOException {
        return bind(address, connection);
    }

    /** Binds the listening socket; port 0 picks a free port, see {@link #address()}. */
    public static LocalProxy bind(ListenAddress address) throws IOException {
        return bind(address, null);
    }

    private static LocalProxy bind(ListenAddress address, ShadowConnection attached) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(address.toSocketAddress(), 1);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + address.host() + ":" + address.port() + " ("
                    + e.getMessage() + ")", e);
        }
        return new LocalProxy(socket, attached);
    }

    /** The bound address, with the real port when port 0 was asked for; a wildcard bind shows as such. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** {@code HOST:PORT} of the bound address, as a viewer would be pointed at it. */
    public String addressText() {
        InetAddress host = listener.getInetAddress();
        String text = host.getHostAddress();
        return (text.contains(":") ? "[" + text + "]" : text) + ":" + listener.getLocalPort();
    }

    /** {@link #serveOne(ShadowConnection)} for the session given to {@link #listen}. */
    public BytePump.Totals serveOne() throws IOException {
        if (attached == null) {
            throw new IllegalStateException("no session attached: use serveOne(connection) after bind()");
        }
        return serveOne(attached);
    }

    /**
     * Waits for one viewer, joins it with {@code connection} and returns when either side ends. The
     * listener closes as soon as the viewer is in, so no second viewer can take over the session; a connection from
     * another user's program on this machine is refused while the wait goes on ({@link ViewerAdmission}); if the
     * device ends the session before a viewer came, this fails with a sentence saying so.
     */
    public BytePump.Totals serveOne(ShadowConnection connection) throws IOException {
        WatchedTunnel watched = WatchedTunnel.watch("tunnel-" + connection.session().sessionId(), connection,
                BytePump.DEFAULT_BOUND);
        tunnel = watched;
        served = connection;
        // a session the device ends while no viewer is connected must not leave the proxy waiting forever
        watched.ended().thenRun(() -> {
            if (pump == null) {
                closeListener();
            }
        });
        if (closed) {
            watched.close();
            throw new IOException("the proxy was closed before the session started");
        }
        LOG.debug("serving {} on {}", connection, listener.getLocalSocketAddress());
        Socket viewer = acceptViewer(connection, watched);
        viewer.setTcpNoDelay(true);
        LOG.debug("viewer {} connected to {}", viewer.getRemoteSocketAddress(), connection);
        BytePump started = BytePump.start("proxy-" + connection.session().sessionId(),
                Endpoint.of(viewer), watched, BytePump.DEFAULT_BOUND);
        pump = started;
        if (closed) {
            started.close();
        }
        try {
            BytePump.Totals totals = started.done().get();
            LOG.debug("{} ended: {} bytes to the device, {} from it", connection, totals.leftToRight(),
                    totals.rightToLeft());
            return totals;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.close();
            throw new IOException("interrupted while serving the viewer", e);
        } catch (ExecutionException e) {
            throw new IOException("the proxy failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The first connection {@link ViewerAdmission} admits; one it refuses (another user's program on this machine,
     * perhaps racing the viewer to the port) is closed before a byte of the session reaches it, and the wait goes on.
     */
    private Socket acceptViewer(ShadowConnection connection, WatchedTunnel watched) throws IOException {
        try {
            for (int refused = 0; ; refused++) {
                Socket candidate = listener.accept();
                if (ViewerAdmission.admits(candidate)) {
                    return candidate;
                }
                String owner = ViewerAdmission.ownerText(candidate);
                closeQuietly(candidate);
                if (refused == 0) {
                    LOG.warn("refused a connection to the proxy for {} from {}: another user's program ({}) opened it; "
                            + "still waiting for the viewer", connection, candidate.getRemoteSocketAddress(), owner);
                } else {
                    LOG.debug("refused connection {} from {} ({})", refused + 1, candidate.getRemoteSocketAddress(),
                            owner);
                }
            }
        } catch (IOException e) {
            watched.close();
            if (watched.ended().isDone() && !closed) {
                String reason = connection.closeReason();
                throw new IOException("the session ended before a viewer connected"
                        + (reason == null ? "" : " (" + reason + ")"), e);
            }
            throw new IOException("the proxy was closed before a viewer connected", e);
        } finally {
            closeListener();
        }
    }

    /**
     * Why the session ended, as one sentence for the user, once {@link #serveOne} returned: the far side's
     * reason when the device side ended it ("the gateway is shutting down"), or that the viewer left or the
     * proxy was stopped.
     */
    public String endedBecause() {
        WatchedTunnel watched = tunnel;
        ShadowConnection connection = served;
        if (watched != null && watched.endedByFarSide()) {
            String reason = connection == null ? null : connection.closeReason();
            return reason != null && !reason.isBlank() ? reason : "the device side ended the session";
        }
        if (closed) {
            return "the proxy was stopped";
        }
        return pump == null ? "the session has not started" : "the viewer disconnected";
    }

    /** Bytes carried so far (viewer to device, device to viewer); zeros until a viewer connected. */
    public BytePump.Totals totals() {
        BytePump running = pump;
        return running == null ? new BytePump.Totals(0, 0) : running.totals();
    }

    /** Whether a viewer has connected. */
    public boolean viewerConnected() {
        return pump != null;
    }

    /** Stops listening and ends the session, whether or not a viewer is connected. */
    @Override
    public void close() throws IOException {
        closed = true;
        closeListener();
        BytePump running = pump;
        if (running != null) {
            running.close();
        }
        WatchedTunnel watched = tunnel;
        if (watched != null) {
            watched.close();
        } else if (attached != null) {
            attached.close();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("closing a refused connection failed", e);
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.trace("closing the listener failed", e);
        }
    }
}
