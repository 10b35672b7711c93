package dev.ums.protocol.tunnel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Turns a tunnel into a plain {@link Socket}, so that the JDK's {@code SSLSocket} (and with it the exact same
 * TLS and pinning code as the direct OS 11 path) can run over it: a loopback socket pair whose far end is
 * joined to the tunnel by a {@link BytePump} (bounded both ways). Chosen over an {@code SSLEngine} adapter
 * because it reuses the tested blocking TLS code unchanged, at the cost of two pump threads per session.
 *
 * <p>The pair is made on a listener bound to loopback with a backlog of one, open only until the near end
 * is accepted; a connection from anyone else (recognised by its port) is closed and never joined to the
 * tunnel. Closing the returned socket ends the pump and the tunnel; the tunnel ending closes the socket.
 */
public final class TunnelSocket {
    private static final int PAIR_TIMEOUT_MILLIS = 5000;
    private static final int MAX_STRANGERS = 3;

    private TunnelSocket() {
    }

    public static Socket over(Endpoint tunnel, String name) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(PAIR_TIMEOUT_MILLIS);
            Socket near = new Socket();
            try {
                near.connect(listener.getLocalSocketAddress(), PAIR_TIMEOUT_MILLIS);
                near.setTcpNoDelay(true);
                Socket far = acceptNear(listener, near);
                far.setTcpNoDelay(true);
                BytePump.start(name, Endpoint.of(far), tunnel, BytePump.DEFAULT_BOUND);
                return near;
            } catch (IOException e) {
                near.close();
                throw e;
            }
        }
    }

    private static Socket acceptNear(ServerSocket listener, Socket near) throws IOException {
        for (int i = 0; i <= MAX_STRANGERS; i++) {
            Socket accepted;
            try {
                accepted = listener.accept();
            } catch (SocketTimeoutException e) {
                throw new IOException("the local end of the tunnel could not be connected", e);
            }
            if (accepted.getPort() == near.getLocalPort()
                    && accepted.getInetAddress().equals(near.getLocalAddress())) {
                return accepted;
            }
            accepted.close();
        }
        throw new IOException("other local programs kept connecting to the local end of a tunnel");
    }
}
