package dev.ums.protocol.tunnel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** One end of a byte connection that a {@link BytePump} can join to another: a socket, a tunnel, a TLS link. */
public interface Endpoint extends Closeable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Signals end of output to the peer without closing the input, where the transport allows it. */
    default void shutdownOutput() throws IOException {
        close();
    }

    static Endpoint of(Socket socket) {
        return new Endpoint() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }

            @Override
            public String toString() {
                return String.valueOf(socket.getRemoteSocketAddress());
            }
        };
    }
}
