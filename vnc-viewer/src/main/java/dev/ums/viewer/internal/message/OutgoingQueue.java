package dev.ums.viewer.internal.message;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
    private final OutputStream out;
    private final Thread writer;
    private volatile boolean stopped;
    private boolean warned;

    public OutgoingQueue(OutputStream out, String threadName) {
        this.out = out;
        this.writer = new Thread(this::drain, threadName);
        this.writer.setDaemon(true);
    }

    /** The stream itself, for the handshake, which runs before the writer thread starts. */
    public OutputStream directStream() {
        return out;
    }

    public void start() {
        writer.start();
    }

    public void put(ClientMessage message) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    public void offer(ClientMessage message) {
        if (stopped) {
            return;
        }
        if (!queue.offer(message) && !warned) {
            warned = true;
            LOG.warn("the VNC server is not reading; dropping input events");
        }
    }

    public void stop() {
        stopped = true;
        writer.interrupt();
    }

    private void drain() {
        try {
            while (!stopped) {
                ClientMessage message = queue.take();
                out.write(message.encode());
                if (queue.isEmpty()) {
                    out.flush();
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
