package dev.ums.console.proxy;

import dev.ums.protocol.io.BlockInputStream;
import dev.ums.protocol.tunnel.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tunnel as seen by the proxy: one named thread keeps reading it from the moment the session opens, so
 * the proxy learns that the device ended the session even while no viewer is connected yet. What it reads
 * waits in a queue of {@value #CHUNKS} chunks of at most {@code bound} bytes; when the queue is full the
 * thread stops reading, so a viewer that is slow (or not there) still slows the device down.
 */
final class WatchedTunnel implements Endpoint {
    static final int CHUNKS = 4;
    private static final byte[] END = new byte[0];

    private final Endpoint tunnel;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile IOException failure;
    private volatile boolean closed;
    private volatile boolean endedByFarSide;

    private WatchedTunnel(Endpoint tunnel) {
        this.tunnel = tunnel;
    }

    static WatchedTunnel watch(String name, Endpoint tunnel, int bound) {
        WatchedTunnel watched = new WatchedTunnel(tunnel);
        Thread reader = new Thread(() -> watched.readAll(bound), name);
        reader.setDaemon(true);
        reader.start();
        return watched;
    }

    private void readAll(int bound) {
        byte[] buffer = new byte[bound];
        try {
            InputStream in = tunnel.input();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && !queue(Arrays.copyOf(buffer, n))) {
                    return;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // closed is set before the tunnel is closed, so an end we caused ourselves never counts as the far side's
            endedByFarSide = !closed;
            ended.complete(null);
            offerEnd();
        }
    }

    /** Waits for room in the queue; false once the proxy is closed and nobody will read any more. */
    private boolean queue(byte[] chunk) throws InterruptedException {
        while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
                return false;
            }
        }
        return true;
    }

    /** Queues the end after the last bytes; gives up once closed, when no reader will come any more. */
    private void offerEnd() {
        try {
            while (!chunks.offer(END, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completes when the far side ended the tunnel (or it failed); bytes read before may still be queued. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Whether the far side (device, server, gateway) ended the tunnel, rather than the proxy closing it. */
    boolean endedByFarSide() {
        return ended.isDone() && endedByFarSide;
    }

    @Override
    public InputStream input() {
        return new BlockInputStream() {
            private byte[] current;
            private int position;
            private boolean atEnd;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                while (!atEnd && (current == null || position >= current.length)) {
                    current = take();
                    position = 0;
                    atEnd = current == END;
                }
                if (atEnd) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                int n = Math.min(len, current.length - position);
                System.arraycopy(current, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    private byte[] take() throws InterruptedIOException {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the tunnel");
        }
    }

    @Override
    public OutputStream output() throws IOException {
        return tunnel.output();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        tunnel.close();
        // a reader waiting for bytes must learn the end now; undelivered bytes have nobody to go to
        chunks.clear();
        chunks.offer(END);
    }
}
