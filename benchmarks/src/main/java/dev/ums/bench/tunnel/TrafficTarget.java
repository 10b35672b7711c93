package dev.ums.bench.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The far end of every measured path, standing where a device's VNC server would: the first byte a client
 * sends picks the mode, {@code S} streams bytes until the client goes away, {@code E} echoes.
 */
final class TrafficTarget implements AutoCloseable {
    private final ServerSocket server;

    TrafficTarget() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "target-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
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

    private static void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int mode = in.read();
            byte[] buffer = new byte[64 * 1024];
            if (mode == 'S') {
                while (true) {
                    out.write(buffer);
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
