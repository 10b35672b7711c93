package dev.ums.agent.internal.secure;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.SessionIndicator;
import dev.ums.agent.internal.shadow.TunnelledConnections;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.tunnel.BytePump;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS 11 device's secure VNC port: a TLS listener (1.2 or 1.3) presenting the device's own self-signed
 * certificate, the one the server holds since enrollment. Each connection runs as a {@link SecureVncSession}
 * on a bounded pool; connections beyond the pool and its queue, or beyond what {@link SecureVncAdmission} grants one
 * address before its password is vouched for, are closed at once, so a flood of clients cannot grow the agent's
 * memory, fill the pool or make the server close the device's UP socket. Refusals before a password was vouched for
 * are logged at most 20 lines a minute.
 *
 * <p>Threads: its own accepting thread, a pool of session threads and a deadline thread; {@link #close},
 * {@link #runningCount} and {@link #waitingCount} from any thread. Closing ends every connection accepted, whatever
 * its session is doing.
 */
public final class SecureVncListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecureVncListener.class);
    private static final int MAX_PARALLEL = 8;
    private static final int MAX_WAITING = 8;
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * What every session needs: the device's own settings, its VNC server, how to ask the user, the checks, how
     * long a client may take for the TLS handshake and its password command together, how to show the person at
     * the device that it is shadowed, and which connections come from the agent's own tunnels.
     */
    public record Settings(ShadowSettings local, InetSocketAddress vncAddress, ConsentPrompt prompt,
                           PasswordChecks checks, Duration commandTimeout, SessionIndicator indicator,
                           TunnelledConnections tunnelled) {
        /** With the usual {@link SecureVncSession#COMMAND_TIMEOUT}, no indicator and no tunnels. */
        public Settings(ShadowSettings local, InetSocketAddress vncAddress, ConsentPrompt prompt,
                        PasswordChecks checks) {
            this(local, vncAddress, prompt, checks, SecureVncSession.COMMAND_TIMEOUT, SessionIndicator.NONE,
                    new TunnelledConnections());
        }

        /** These settings, showing sessions with {@code indicator} except those on {@code tunnelled} connections. */
        public Settings showing(SessionIndicator indicator, TunnelledConnections tunnelled) {
            return new Settings(local, vncAddress, prompt, checks, commandTimeout, indicator, tunnelled);
        }
    }

    private final ServerSocket server;
    /** Layers the device's TLS over each accepted connection, so that the connection itself stays at hand. */
    private final SSLSocketFactory tls;
    private final String[] protocols;
    private final Settings settings;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService deadlines;
    private final Set<BytePump> running = ConcurrentHashMap.newKeySet();
    /**
     * The connections (under their TLS) accepted whose session has not yet started its relay or closed them: in their
     * handshake, waiting for the server's verdict or the user, or waiting for a place in the pool. {@link #close}
     * closes them itself, since a thread reading a client's password command does not stop when interrupted; it closes
     * the connection, not its TLS socket, whose close may wait reading the client's last records.
     */
    private final Set<Socket> unsettled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final SecureVncAdmission admission = new SecureVncAdmission(Clock.systemUTC());
    private final RepeatedWarning refusals = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "refused secure VNC connections");
    private volatile boolean closed;

    private SecureVncListener(ServerSocket server, SSLSocketFactory tls, String[] protocols, Settings settings,
                              String agentName) {
        this.server = server;
        this.tls = tls;
        this.protocols = protocols;
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(MAX_PARALLEL, MAX_PARALLEL, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING), r -> daemon(r, "ums-agent-" + agentName + "-secure-vnc-"
                + threads.incrementAndGet()));
        this.pool.allowCoreThreadTimeOut(true);
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
                "ums-agent-" + agentName + "-secure-vnc-deadlines"));
    }

    /**
     * Binds {@code port} (0 = any free port) on {@code bind}, or on every interface when that is null, and starts
     * accepting.
     *
     * @throws IOException with one sentence: the port is taken, or the identity cannot serve TLS
     */
    public static SecureVncListener start(SelfSignedIdentity identity, InetAddress bind, int port, Settings settings,
                                          String agentName) throws IOException {
        SSLContext context;
        try {
            context = identity.serverContext();
        } catch (GeneralSecurityException e) {
            throw new IOException("the device's TLS identity cannot serve secure VNC: " + e.getMessage(), e);
        }
        String[] protocols = PROTOCOLS.stream()
                .filter(Arrays.asList(context.getSupportedSSLParameters().getProtocols())::contains)
                .toArray(String[]::new);
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(bind, port), MAX_WAITING);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen for secure VNC on port " + port + " (" + e.getMessage() + "); if the "
                    + "device's VNC server uses that port, move it (--vnc) or choose another --secure-port", e);
        }
        SecureVncListener listener = new SecureVncListener(socket, context.getSocketFactory(), protocols, settings,
                agentName);
        Thread acceptor = daemon(listener::acceptAll, "ums-agent-" + agentName + "-secure-vnc-accept");
        acceptor.start();
        LOG.info("secure VNC: listening on port {}", listener.port());
        return listener;
    }

    /** The bound port (the real one when 0 was asked for). */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptAll() {
        while (!closed) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("secure VNC: accepting failed, no longer listening: {}", e.getMessage());
                }
                return;
            }
            InetAddress from = connection.getInetAddress();
            if (!admission.startHandshake(from)) {
                refusals.warn("secure VNC: {} already has {} connections waiting for a session, closing another",
                        from.getHostAddress(), SecureVncAdmission.HANDSHAKES_PER_ADDRESS);
                closeQuietly(connection);
                continue;
            }
            SSLSocket client;
            try {
                client = serverSide(connection);
            } catch (IOException e) {
                admission.handshakeEnded(from);
                closeQuietly(connection);
                continue;
            }
            SecureVncSession session = new SecureVncSession("os11-" + count.incrementAndGet(), client, connection,
                    settings, deadlines, admission, refusals);
            unsettled.add(connection);
            try {
                pool.execute(() -> run(session, connection, from));
            } catch (RejectedExecutionException e) {
                unsettled.remove(connection);
                admission.handshakeEnded(from);
                if (!closed) {
                    refusals.warn("secure VNC: too many connections at once, closing the one from {}",
                            connection.getRemoteSocketAddress());
                }
                closeQuietly(connection);
            }
        }
    }

    /** The device's side of TLS over an accepted connection; closing it closes the connection too. */
    private SSLSocket serverSide(Socket connection) throws IOException {
        SSLSocket client = (SSLSocket) tls.createSocket(connection, null, connection.getPort(), true);
        client.setUseClientMode(false);
        client.setNeedClientAuth(false);
        client.setEnabledProtocols(protocols);
        return client;
    }

    private void run(SecureVncSession session, Socket connection, InetAddress from) {
        Optional<BytePump> pump;
        try {
            pump = session.start();
        } catch (RuntimeException e) {
            if (closed) {
                LOG.debug("secure VNC session {} ended with the listener", session.id(), e);  // its deadlines are gone
            } else {
                LOG.error("secure VNC session {} failed", session.id(), e);
            }
            closeQuietly(connection);
            return;
        } finally {
            unsettled.remove(connection);
            admission.handshakeEnded(from);
        }
        pump.ifPresent(p -> {
            running.add(p);
            if (closed) {
                p.close();
            }
            p.done().whenComplete((totals, e) -> {
                running.remove(p);
                LOG.info("secure VNC session {} ended ({} bytes to the console, {} from it)", session.id(),
                        totals == null ? 0 : totals.leftToRight(), totals == null ? 0 : totals.rightToLeft());
            });
        });
    }

    /** Sessions whose bytes are flowing now. */
    public int runningCount() {
        return running.size();
    }

    /** Connections accepted and handed to the pool that wait for a place in it, every session thread being taken. */
    int waitingCount() {
        return pool.getQueue().size();
    }

    /**
     * Stops listening and ends every session and every connection accepted, also those still in their handshake or
     * waiting for a place.
     */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        pool.shutdownNow();
        deadlines.shutdownNow();
        unsettled.forEach(socket -> closeQuietly(socket));
        running.forEach(BytePump::close);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
