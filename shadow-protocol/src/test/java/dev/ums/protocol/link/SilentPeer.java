package dev.ums.protocol.link;

import dev.ums.protocol.tls.SelfSignedIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * A peer that accepts connections and never answers: either not the TLS hello (a plain socket under a wss://
 * address) or, after a whole TLS handshake or on ws://, not the WebSocket upgrade. It reads every connection to its
 * end and counts the connections whose client closed them. One thread per connection; counters from any thread.
 */
final class SilentPeer implements AutoCloseable {
    /** Where the peer falls silent. */
    enum Silence { TLS_HELLO, UPGRADE_OVER_TLS, UPGRADE }

    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger closedByClient = new AtomicInteger();
    /** The certificate the peer shows when it completes TLS. */
    final SelfSignedIdentity identity = SelfSignedIdentity.create("silent peer");
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final Silence silence;

    SilentPeer(Silence silence) throws IOException, GeneralSecurityException {
        this.silence = silence;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (silence == Silence.UPGRADE_OVER_TLS) {
            listener = identity.serverContext().getServerSocketFactory().createServerSocket(0, 50, loopback);
        } else {
            listener = new ServerSocket(0, 50, loopback);
        }
        Thread acceptor = new Thread(this::accept, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        String scheme = silence == Silence.UPGRADE ? "ws" : "wss";
        return URI.create(scheme + "://127.0.0.1:" + listener.getLocalPort() + "/link");
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                accepted.incrementAndGet();
                Thread reader = new Thread(() -> readToTheEnd(socket), "silent-peer-connection");
                reader.setDaemon(true);
                reader.start();
            }
        } catch (IOException e) {
            // the listener closed: the test is over
        }
    }

    private void readToTheEnd(Socket socket) {
        try {
            if (socket instanceof SSLSocket tls) {
                tls.startHandshake();
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // the hello or the upgrade request: never answered
            }
            closedByClient.incrementAndGet();
        } catch (IOException e) {
            if (!socket.isClosed()) {
                closedByClient.incrementAndGet(); // reset or a TLS alert: the client dropped it
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
