package dev.ums.protocol.tunnel;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins two {@link Endpoint}s: copies bytes both ways, each direction on its own named thread with one
 * fixed buffer. A direction reads the next chunk only after the previous write completed, so at most
 * {@code bound} bytes per direction are ever held: a slow reader slows the writer, memory stays flat.
 * When either direction ends, both endpoints are closed.
 */
public final class BytePump {
    public static final int DEFAULT_BOUND = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(BytePump.class);

    private final Endpoint left;
    private final Endpoint right;
    private final int bound;
    private final AtomicLong leftToRight = new AtomicLong();
    private final AtomicLong rightToLeft = new AtomicLong();
    private final CompletableFuture<Totals> done = new CompletableFuture<>();
    private volatile boolean closed;

    /** Bytes that went each way, reported when the pump ends. */
    public record Totals(long leftToRight, long rightToLeft) {
    }

    private BytePump(Endpoint left, Endpoint right, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive");
        }
        this.left = left;
        this.right = right;
        this.bound = bound;
    }

    /** Starts pumping on two daemon threads named after {@code name}. */
    public static BytePump start(String name, Endpoint left, Endpoint right, int bound) {
        BytePump pump = new BytePump(left, right, bound);
        CompletableFuture<Void> a = pump.direction(name + "-out", left, right, pump.leftToRight);
        CompletableFuture<Void> b = pump.direction(name + "-in", right, left, pump.rightToLeft);
        CompletableFuture.allOf(a, b).whenComplete((v, e) -> pump.done.complete(pump.totals()));
        return pump;
    }

    private CompletableFuture<Void> direction(String threadName, Endpoint from, Endpoint to, AtomicLong counter) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                copy(from.input(), to.output(), counter);
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("{} ended: {}", threadName, e.toString());
                }
            } finally {
                close();
                finished.complete(null);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return finished;
    }

    private void copy(InputStream in, OutputStream out, AtomicLong counter) throws IOException {
        byte[] buffer = new byte[bound];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n == 0) {
                continue;
            }
            out.write(buffer, 0, n);
            out.flush();
            counter.addAndGet(n);
        }
    }

    public Totals totals() {
        return new Totals(leftToRight.get(), rightToLeft.get());
    }

    /** Completes with the totals once both directions have ended. */
    public CompletableFuture<Totals> done() {
        return done;
    }

    /** Ends both directions and closes both endpoints; safe to call repeatedly. */
    public void close() {
        closed = true;
        closeQuietly(left);
        closeQuietly(right);
    }
}
