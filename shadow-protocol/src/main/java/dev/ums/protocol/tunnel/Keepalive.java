package dev.ums.protocol.tunnel;

import dev.ums.protocol.thread.DaemonThreads;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a quiet tunnel alive and notices a dead one. Once the reading thread has waited {@link Times#pingAfter()}
 * for the server, pings go out (so that load balancers and NAT devices with idle timeouts see traffic, and a live
 * server's pong ends the wait); once it has waited {@link Times#dropAfter()} with nothing arriving, not even a pong,
 * the connection is dropped and the read fails with a sentence. Only time the reader spends waiting counts: a
 * consumer that is slow to read is not taken for a dead server.
 *
 * <p>Thread rule: the reading thread reads through {@link #watch}; checks run on one shared daemon thread and never
 * block; pings are written on a shared pool, one at a time per tunnel, since a write blocks while the network does
 * (a drop ends such a write); {@link #stop()} from any thread.
 */
final class Keepalive {
    /**
     * When pings start and when a silent server is given up. The relay reads a side, pings included, only once the
     * other side is there and only as fast as the other side takes what it sends, so a live relay may leave a ping
     * unanswered while a session waits to pair (at most 70 s) or while the other side does not read: the default
     * drop time lies well past the first, and a side that reads nothing for two minutes ends the session.
     */
    record Times(Duration pingAfter, Duration dropAfter) {
        static final Times DEFAULT = new Times(Duration.ofSeconds(20), Duration.ofSeconds(120));
    }

    /** What the keepalive does to the tunnel. */
    interface Tunnel {
        void ping() throws IOException;

        /** Drops the connection without waiting for anything. */
        void drop();
    }

    private static final ScheduledThreadPoolExecutor CHECKS = checks();
    private static final ExecutorService PINGS = Executors.newCachedThreadPool(DaemonThreads.numbered("tunnel-ping"));

    private final Times times;
    private final Tunnel tunnel;
    private final AtomicBoolean pingFree = new AtomicBoolean(true);
    private final ScheduledFuture<?> checks;
    private volatile boolean waiting;
    private volatile long waitStart;
    private volatile boolean dropped;

    Keepalive(Times times, Tunnel tunnel) {
        this.times = times;
        this.tunnel = tunnel;
        long period = Math.max(1, times.pingAfter().toMillis() / 2);
        this.checks = CHECKS.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** {@code in} as the reading thread reads it: waits are timed, and a drop fails the read with a sentence. */
    InputStream watch(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                started();
                try {
                    return ended(super.read());
                } catch (IOException e) {
                    throw failure(e);
                } finally {
                    waiting = false;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                started();
                try {
                    return ended(super.read(b, off, len));
                } catch (IOException e) {
                    throw failure(e);
                } finally {
                    waiting = false;
                }
            }
        };
    }

    private void started() {
        waitStart = System.nanoTime();
        waiting = true;
    }

    /** Nothing is left to watch once the stream ended. */
    private int ended(int read) {
        if (read < 0) {
            stop();
        }
        return read;
    }

    private IOException failure(IOException e) {
        stop();
        return dropped ? new IOException("nothing arrived through the tunnel for " + times.dropAfter().toSeconds()
                + " s, not even an answer to a ping, so the connection was given up", e) : e;
    }

    private static ScheduledThreadPoolExecutor checks() {
        ScheduledThreadPoolExecutor checks =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.named("tunnel-keepalive"));
        checks.setRemoveOnCancelPolicy(true);
        return checks;
    }

    void stop() {
        checks.cancel(false);
    }

    private void check() {
        if (!waiting) {
            return;
        }
        long waited = System.nanoTime() - waitStart;
        if (waited >= times.dropAfter().toNanos()) {
            dropped = true;
            stop();
            tunnel.drop();
        } else if (waited >= times.pingAfter().toNanos() && pingFree.compareAndSet(true, false)) {
            PINGS.execute(this::ping);
        }
    }

    private void ping() {
        try {
            tunnel.ping();
        } catch (IOException e) {
            // The reader meets the same broken connection and reports it.
        } finally {
            pingFree.set(true);
        }
    }
}
