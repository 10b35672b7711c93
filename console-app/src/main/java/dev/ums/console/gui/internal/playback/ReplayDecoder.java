package dev.ums.console.gui.internal.playback;

import dev.ums.console.gui.internal.Edt;
import dev.ums.viewer.CursorShape;
import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncInputEvent;
import dev.ums.viewer.VncReplay;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a recording on its own thread, {@code replay-decoder}, never on the event thread: the player asks for a
 * position with {@link #request}, the thread brings the replay there and reports each step back on the event
 * thread. Only the latest request waits (a newer one replaces it), so scrubbing costs one step at a time. The
 * methods may be called from any thread; {@link Step}s arrive on the event thread.
 */
final class ReplayDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayDecoder.class);
    private static final long NONE = Long.MIN_VALUE;

    /** What one step did: where the picture stands now, the cursor to draw there, and a failure if it ended so. */
    record Step(long position, boolean ended, CursorShape cursor, VncInputEvent pointer, Throwable failure) {
    }

    private final VncReplay replay;
    private final Consumer<Step> steps;
    private final Thread thread;
    private final Object lock = new Object();
    private long wanted = NONE;
    private boolean closed;

    ReplayDecoder(VncReplay replay, Consumer<Step> steps) {
        this.replay = replay;
        this.steps = steps;
        this.thread = new Thread(this::run, "replay-decoder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The picture the decoder writes into; painted on the event thread as a live session's is. */
    Framebuffer framebuffer() {
        return replay.framebuffer();
    }

    /** Asks for the picture at {@code micros}; replaces a request not yet started. */
    void request(long micros) {
        synchronized (lock) {
            wanted = micros;
            lock.notifyAll();
        }
    }

    private void run() {
        while (true) {
            long target;
            synchronized (lock) {
                while (wanted == NONE && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                target = wanted;
                wanted = NONE;
            }
            Step step;
            try {
                replay.advanceTo(target);
                step = new Step(target, replay.ended(), replay.cursor(), replay.pointer(), null);
            } catch (IOException | RuntimeException e) {
                LOG.warn("replaying to {} µs failed: {}", target, e.getMessage(), e);
                step = new Step(target, true, replay.cursor(), replay.pointer(), e);
            }
            Step done = step;
            Edt.run(() -> steps.accept(done));
        }
    }

    /** Stops the thread and closes the recording, on the decoder's own thread once a running step is done. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        Thread closer = new Thread(() -> {
            try {
                thread.join();
                replay.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                LOG.debug("closing the replay", e);
            }
        }, "replay-closer");
        closer.setDaemon(true);
        closer.start();
    }
}
