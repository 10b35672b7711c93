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
 * external-viewer mode. {@link #serveOne()} blocks; {@link #close()} may be called from any thread.
 */
public final class LocalProxy implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProxy.class);

    private final ShadowConnection connection;
    private final WatchedTunnel tunnel;
    private final ServerSocket listener;
    private volatile BytePump pump;

    private LocalProxy(ShadowConnection connection, ServerSocket listener) {
        this.connection = connection;
        this.listener = listener;
        this.tunnel = WatchedTunnel.watch("tunnel-" + connection.session().sessionId(), connection,
                BytePump.DEFAULT_BOUND);
        // a session the device ends while no viewer is connected must not leave the proxy waiting forever
        tunnel.ended().thenRun(() -> {
            if (pump == null) {
                closeListener();
            }
        });
    }

    /** Binds the listening socket (before any viewer is started, so its real port can be handed over). */
    public static LocalProxy listen(ShadowConnection connection, ListenAddress address) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(address.toSocketAddress(), 1);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + address.host() + ":" + address.port() + " ("
                    + e.getMessage() + ")", e);
        }
        LOG.debug("serving {} on {}", connection, socket.getLocalSocketAddress());
        return new LocalProxy(connection, socket);
    }

    /** The bound address, with the real port when port 0 was asked for; a wildcard bind shows as such. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** {@code HOST:PORT} of the bound address as a viewer would be pointed at it. */
    public String addressText() {
        InetAddress host = listener.getInetAddress();
        String text = host.getHostAddress();
        return (text.contains(":") ? "[" + text + "]" : text) + ":" + listener.getLocalPort();
    }

    /**
     * Waits for one viewer, joins it with the tunnel and returns when either side ends; the listener is
     * closed as soon as the viewer is in, so no second viewer can take over the session.
     */
    public BytePump.Totals serveOne() throws IOException {
        Socket viewer;
        try {
            viewer = listener.accept();
        } catch (IOException e) {
            connection.close();
            if (tunnel.ended().isDone()) {
                String reason = connection.closeReason();
                throw new IOException("the session ended before a viewer connected"
                        + (reason == null ? "" : " (" + reason + ")"), e);
            }
            throw new IOException("no viewer connected: the proxy was closed", e);
        } finally {
            listener.close();
        }
        viewer.setTcpNoDelay(true);
        LOG.debug("viewer {} connected to {}", viewer.getRemoteSocketAddress(), connection);
        BytePump started = BytePump.start("proxy-" + connection.session().sessionId(),
                Endpoint.of(viewer), tunnel, BytePump.DEFAULT_BOUND);
        pump = started;
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

    /** Stops listening and ends the session, whether or not a viewer is connected. */
    @Override
    public void close() throws IOException {
        closeListener();
        BytePump running = pump;
        if (running != null) {
            running.close();
        }
        tunnel.close();
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.trace("closing the listener failed", e);
        }
    }
}
