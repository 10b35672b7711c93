package dev.ums.demo;

import dev.ums.demo.internal.vnc.HandshakeDeadline;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The handshake deadline of one client's socket: until it is lifted, each read of {@link #input()} waits at most
 * for the time left until the deadline, so the handshake ends by then however the client spaces its bytes (a read
 * timeout alone would let a client that sends a byte every 9 s take over two minutes). Reads and the lift happen
 * on the session's one reading thread.
 */
final class SocketHandshakeDeadline implements HandshakeDeadline {
    private final Socket socket;
    private final Duration limit;
    private final long deadlineNanos;
    private boolean lifted;

    /** Starts the time now. */
    SocketHandshakeDeadline(Socket socket, Duration limit) {
        this.socket = socket;
        this.limit = limit;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    /** The socket's input, whose reads end with {@link SocketTimeoutException} at the deadline until it is lifted. */
    InputStream input() throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                armForNextRead();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                armForNextRead();
                return super.read(b, off, len);
            }

            @Override
            public long skip(long n) throws IOException {
                armForNextRead();
                return super.skip(n);
            }
        };
    }

    private void armForNextRead() throws IOException {
        if (lifted) {
            return;
        }
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (leftMillis <= 0) {
            throw new SocketTimeoutException("the handshake's deadline has passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
    }

    @Override
    public Duration limit() {
        return limit;
    }

    @Override
    public void lift() throws IOException {
        lifted = true;
        socket.setSoTimeout(0);
    }
}
