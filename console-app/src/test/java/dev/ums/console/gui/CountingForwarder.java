package dev.ums.console.gui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
                AtomicBoolean closed = new AtomicBoolean();
                Runnable closeBoth = () -> {
                    if (closed.compareAndSet(false, true)) {
                        closeQuietly(client);
                        closeQuietly(server);
                        open.decrementAndGet();
                    }
                };
                copy(client, server, closeBoth);
                copy(server, client, closeBoth);
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
    }
}
