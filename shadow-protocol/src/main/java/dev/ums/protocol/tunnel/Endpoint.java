package dev.ums.protocol.tunnel;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.util.function.UnaryOperator;

/** One end of a byte connection that a {@link BytePump} can join to another: a socket, a tunnel, a TLS link. */
public interface Endpoint extends Closeable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Signals end of output to the peer without closing the input, where the transport allows it. */
    default void shutdownOutput() throws IOException {
        close();
    }

    /**
     * {@code inner} with its input seen through {@code wrap} (made once, on first use), such as bytes put in
     * front of it or bytes dropped from it; output and close go to {@code inner}.
     */
    static Endpoint withInput(Endpoint inner, UnaryOperator<InputStream> wrap) {
        return new Endpoint() {
            private InputStream input;

            @Override
            public synchronized InputStream input() throws IOException {
                if (input == null) {
                    input = wrap.apply(inner.input());
                }
                return input;
            }

            @Override
            public OutputStream output() throws IOException {
                return inner.output();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }

            @Override
            public String toString() {
                return inner.toString();
            }
        };
    }

    /**
     * {@code inner} with {@code alreadyRead}, bytes taken from its input before (such as a greeting read to
     * check the peer), put back in front of that input.
     */
    static Endpoint withInputPrefix(Endpoint inner, byte[] alreadyRead) {
        byte[] prefix = alreadyRead.clone();
        return withInput(inner, in -> new SequenceInputStream(new ByteArrayInputStream(prefix), in));
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
