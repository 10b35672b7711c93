package dev.ums.bench.tunnel.clients;

import dev.ums.protocol.io.BlockInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off from a WebSocket library's delivery callback to a tunnel's byte reader: whole binary messages
 * in, a byte stream out. At most {@value #CAPACITY} messages wait; a delivery that finds the hand-off full
 * blocks the library's thread, which is the only backpressure a per-message callback can exert (whether the
 * library then stops reading its socket is what the stalled-reader probe measures).
 *
 * <p>{@link #deliver} is called by the library's one delivery thread; the stream is read by one reader
 * thread; {@link #end} may come from any thread.
 */
public final class ReceivedMessages extends BlockInputStream {
    /**
     * How many messages may wait: 4, or with {@code -Dbench.handoff=unbounded} no limit (to show what a
     * library does with a handler that never blocks).
     */
    static final int CAPACITY = "unbounded".equals(System.getProperty("bench.handoff")) ? Integer.MAX_VALUE : 4;
    private static volatile String deliveryThread = "none yet";
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> queue = CAPACITY == Integer.MAX_VALUE ? new LinkedBlockingQueue<>()
            : new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean ended;
    private volatile IOException failure;
    private ByteBuffer current = ByteBuffer.allocate(0);

    /** Hands one received message to the reader, waiting while {@value #CAPACITY} are already waiting. */
    void deliver(ByteBuffer message) throws InterruptedException {
        deliveryThread = Thread.currentThread().getName();
        while (!ended) {
            if (queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** The name of the thread that last delivered a message, in any tunnel of this JVM. */
    public static String deliveryThread() {
        return deliveryThread;
    }

    /** No more messages: the reader sees end of stream, or {@code cause} when the connection failed. */
    void end(IOException cause) {
        if (cause != null && failure == null) {
            failure = cause;
        }
        ended = true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!current.hasRemaining()) {
            if (current == END) {
                return endOfStream();
            }
            try {
                ByteBuffer next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    current = next;
                } else if (ended && queue.isEmpty()) {
                    current = END;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the tunnel", e);
            }
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    private int endOfStream() throws IOException {
        if (failure != null) {
            throw new IOException("the tunnel failed", failure);
        }
        return -1;
    }
}
