package dev.ums.console.gui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forwards the TCP connections made to its loopback port to a server, bytes unchanged (TLS passes through), and counts
 * those open: a test sees whether a client left a connection open at the server. One accepting thread, two copying
 * threads per connection; the counts may be read from any thread.
 */
final class CountingForwarder implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    /** The connections open now, so that closing the forwarder ends them all. */
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    private CountingForwarder(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** A forwarder to {@code targetPort} on loopback, accepting from now on. */
    static CountingForwarder to(int targetPort) throws IOException {
        CountingForwarder forwarder = new CountingForwarder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                targetPort);
        Thread accepting = new Thread(forwarder::accept, "forwarder-accept");
        accepting.setDaemon(true);
        accepting.start();
        return forwarder;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections accepted and not yet closed by either side. */
    int open() {
        return open.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException refused) {
                    closeQuietly(client);
                    continue;
                }
                accepted.incrementAndGet();
                open.incrementAndGet();
                Connection connection = new Connection(client, server);
                connections.add(connection);
                copy(client, server, connection::close);
                copy(server, client, connection::close);
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    private static void copy(Socket from, Socket to, Runnable closeBoth) {
        Thread copying = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                closeBoth.run();
            }
        }, "forwarder-copy");
        copying.setDaemon(true);
        copying.start();
    }

    /** One forwarded connection: its two sockets, closed together once. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private final AtomicBoolean closed = new AtomicBoolean();

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                closeQuietly(client);
                closeQuietly(server);
                open.decrementAndGet();
                connections.remove(this);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        connections.forEach(Connection::close);
    }
}
