package dev.ums.bench.tunnel.clients;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A tunnel over a WebSocket library that delivers whole binary messages and sends one message per call, seen as
 * a byte {@link Endpoint}: received messages go through a bounded {@link ReceivedMessages}, written bytes leave
 * as messages of at most {@value #MAX_MESSAGE} bytes. The input is read by one thread and the output written by
 * one thread.
 */
abstract class MessageTunnel implements Endpoint {
    static final int MAX_MESSAGE = 64 * 1024;

    private final ReceivedMessages input = new ReceivedMessages();
    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int sent = 0; sent < len; ) {
                int n = Math.min(MAX_MESSAGE, len - sent);
                send(b, off + sent, n);
                sent += n;
            }
        }
    };

    /** Sends {@code len} bytes from {@code b} as one binary message; called on the writing thread. */
    abstract void send(byte[] b, int off, int len) throws IOException;

    /** Where the library's delivery callback hands received messages and reports the end. */
    final ReceivedMessages received() {
        return input;
    }

    @Override
    public final InputStream input() {
        return input;
    }

    @Override
    public final OutputStream output() {
        return output;
    }
}
