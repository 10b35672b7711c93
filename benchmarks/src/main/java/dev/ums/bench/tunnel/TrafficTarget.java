package dev.ums.bench.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The far end of every measured path, standing where a device's VNC server would: the first byte a client
 * sends picks the mode, {@code S} streams bytes until the client goes away, {@code E} echoes. The streamed
 * bytes are random, so that a path that compresses (permessage-deflate) gains nothing from it, as with VNC's
 * already compressed updates.
 */
final class TrafficTarget implements AutoCloseable {
    private static final byte[] NOISE = new byte[64 * 1024];

    static {
        new Random(13).nextBytes(NOISE);
    }

    private final ServerSocket server;
    private final AtomicLong streamed = new AtomicLong();

    TrafficTarget() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "target-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Bytes written in stream mode so far, over all connections. */
    long streamed() {
        return streamed.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "target-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int mode = in.read();
            byte[] buffer = new byte[64 * 1024];
            if (mode == 'S') {
                while (true) {
                    out.write(NOISE);
                    streamed.addAndGet(NOISE.length);
                }
            } else if (mode == 'E') {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away: the measurement is over
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
