package dev.ums.viewer;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay for one connection whose server-to-client direction is limited to a bit rate (a token bucket refilled
 * continuously, 1 ms granularity), for tests of the automatic quality on a slow link. The client-to-server direction
 * is passed through. Two daemon threads; {@link #close()} ends both.
 */
final class ShapedRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final String host;
    private final int port;
    private volatile long bitsPerSecond;
    private volatile boolean closed;
    private Socket client;
    private Socket server;

    ShapedRelay(String host, int port, long bitsPerSecond) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.host = host;
        this.port = port;
        this.bitsPerSecond = bitsPerSecond;
        Thread accept = new Thread(this::accept, "shaped-relay");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Changes the rate from now on, as a link that gets slower or faster during a session. */
    void rate(long bitsPerSecond) {
        this.bitsPerSecond = bitsPerSecond;
    }

    private void accept() {
        try {
            client = listener.accept();
            server = new Socket(host, port);
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            Thread up = new Thread(() -> pump(client, server, false), "shaped-relay-up");
            up.setDaemon(true);
            up.start();
            pump(server, client, true);
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean shaped) {
        byte[] chunk = new byte[1460];
        double tokens = 0;
        long last = System.nanoTime();
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (shaped) {
                    while (true) {
                        long now = System.nanoTime();
                        tokens = Math.min(tokens + (now - last) / 1e9 * bitsPerSecond / 8, 16 * 1024);
                        last = now;
                        if (tokens >= n) {
                            tokens -= n;
                            break;
                        }
                        Thread.sleep(1);
                    }
                }
                out.write(chunk, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side closed, or the relay was closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
