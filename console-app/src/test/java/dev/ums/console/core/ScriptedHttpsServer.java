package dev.ums.console.core;

import dev.ums.protocol.tls.SelfSignedIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTPS server on a free loopback port, with a fresh self-signed identity, that answers every request by writing
 * raw bytes from a script: what no well-behaved server sends (a body without end, a length it does not keep, a
 * connection closed halfway). It reads each request's head, runs the script on the connection's socket stream and
 * closes the connection. Its own accepting thread and one thread per connection; the test thread sets the script and
 * reads the counts.
 */
final class ScriptedHttpsServer implements AutoCloseable {
    /** Writes one answer; it may write until the peer stops reading, which ends it with an {@link IOException}. */
    interface Script {
        void answer(OutputStream out) throws IOException;
    }

    private final SelfSignedIdentity identity;
    private final ServerSocket listener;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger endedByPeer = new AtomicInteger();
    private volatile Script script = out -> out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));

    ScriptedHttpsServer() throws Exception {
        identity = SelfSignedIdentity.create("scripted-ums");
        listener = identity.serverContext().getServerSocketFactory().createServerSocket(0, 16,
                InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "scripted-https-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** Answers every following request with {@code next}. */
    void answer(Script next) {
        this.script = next;
    }

    ServerAddress address() {
        return new ServerAddress("127.0.0.1", listener.getLocalPort());
    }

    String fingerprint() {
        return identity.fingerprint();
    }

    /** The request heads received, in order. */
    List<String> requests() {
        return requests;
    }

    /** How many answers ended because the peer stopped reading (its connection closed or reset) while they wrote. */
    int answersEndedByPeer() {
        return endedByPeer.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                Thread serving = new Thread(() -> serve(connection), "scripted-https-connection");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            requests.add(head(connection.getInputStream()));
            OutputStream out = connection.getOutputStream();
            try {
                script.answer(out);
                out.flush();
            } catch (IOException e) {
                endedByPeer.incrementAndGet();
            }
        } catch (IOException e) {
            // the request never arrived whole; nothing to answer
        }
    }

    /** The request's head up to its blank line (the console's requests here carry no body). */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < 64 << 10) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended before its head did");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
