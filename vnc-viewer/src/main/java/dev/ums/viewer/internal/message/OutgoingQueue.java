package dev.ums.viewer.internal.message;

import dev.ums.rfb.ClientMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-to-server direction: a queue of at most {@value #CAPACITY} messages drained by one
 * writer thread. The reader thread waits for room ({@link #put}); user input never waits
 * ({@link #offer}) and is dropped with a warning if the server stopped reading, so the Swing
 * event thread can never block on the network.
 */
public final class OutgoingQueue {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingQueue.class);
    static final int CAPACITY = 1024;

    private final BlockingQueue<ClientMessage> queue = new ArrayBlockingQueue<>(CAPACITY);
    /**
     * Counts messages added; the writer waits on it. Taking from the queue happens only under the
     * stream's lock, so that {@link #sendNow} can write everything queued before it, in order.
     */
    private final Semaphore added = new Semaphore(0);
    private final OutputStream out;
    private final Thread writer;
    private volatile boolean stopped;
    private boolean warned;

    public OutgoingQueue(OutputStream out, String threadName) {
        this.out = out;
        this.writer = new Thread(this::drain, threadName);
        this.writer.setDaemon(true);
    }

    public void start() {
        writer.start();
    }

    public void put(ClientMessage message) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
                added.release();
                return;
            }
        }
    }

    /**
     * Writes whatever is queued and then this message on the calling thread (the reader), and
     * flushes. For fence answers and update requests, whose delay the server sees: handing them
     * to the writer thread adds a thread wake-up, which on a busy machine cost milliseconds per
     * update and made TigerVNC's congestion control hold updates back.
     */
    public void sendNow(ClientMessage message) throws IOException {
        if (stopped) {
            return;
        }
        synchronized (out) {
            writeQueued();
            out.write(message.encode());
            out.flush();
        }
    }

    /** Caller holds the stream's lock. */
    private void writeQueued() throws IOException {
        for (ClientMessage m = queue.poll(); m != null; m = queue.poll()) {
            out.write(m.encode());
        }
    }

    /** Queues {@code message} unless the queue is full; never waits. @return whether it was queued */
    public boolean offer(ClientMessage message) {
        if (stopped) {
            return false;
        }
        if (queue.offer(message)) {
            added.release();
            return true;
        }
        if (!warned) {
            warned = true;
            LOG.warn("the VNC server is not reading; dropping input events");
        }
        return false;
    }

    public void stop() {
        stopped = true;
        writer.interrupt();
    }

    private void drain() {
        try {
            while (!stopped) {
                added.acquire();
                synchronized (out) {
                    // May find nothing: sendNow wrote it already, leaving a spare permit behind.
                    if (!queue.isEmpty()) {
                        writeQueued();
                        out.flush();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!stopped) {
                LOG.debug("writing to the VNC server failed", e);
            }
        }
        stopped = true;
    }
}
