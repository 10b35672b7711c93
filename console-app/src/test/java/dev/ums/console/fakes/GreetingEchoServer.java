package dev.ums.console.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in VNC server at the far end of a tunnel: greets each connection with an RFB version line, then
 * echoes every byte back, so a test can prove bytes travel both ways through server and proxy.
 */
public final class GreetingEchoServer implements AutoCloseable {
    public static final String GREETING = "RFB 003.008\n";

    private final ServerSocket listener;

    public GreetingEchoServer() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "greeting-echo");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread echo = new Thread(() -> echo(socket), "greeting-echo-conn");
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            out.write(GREETING.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.transferTo(out);
        } catch (IOException e) {
            // the far side went away: nothing to echo to
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
