package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes Tight JPEG rectangles on a few threads while the reader thread goes on reading, the
 * way TigerVNC's viewer does: JPEG decoding was two thirds of the reader's CPU time, and the
 * server paces its updates by how soon we answer the fence after each one.
 * <p>
 * Order is kept by the reader: before anything else writes or reads pixels that a pending JPEG
 * rectangle covers, and before an update counts as done (listeners, fences, the next message),
 * it waits for the pending decodes ({@link #awaitOverlapping}, {@link #awaitAll}). Workers
 * write disjoint areas of the pixel array. Buffers and decoders are reused, so steady state
 * allocates nothing.
 */
final class JpegWorkers implements AutoCloseable {
    /** Pending decodes before the reader waits for them, bounding the copied bytes held. */
    private static final int MAX_PENDING = 32;
    /** How long {@link #close()} waits for a decode in progress before it leaves the decoders to the collector. */
    private static final long CLOSE_WAIT_MILLIS = 1000;

    private final ExecutorService pool;
    private final BlockingQueue<TightJpeg> decoders;
    private final ConcurrentLinkedQueue<byte[]> freeBuffers = new ConcurrentLinkedQueue<>();
    private final List<Future<?>> pending = new ArrayList<>();
    private final List<int[]> pendingAreas = new ArrayList<>();

    JpegWorkers(int threads, String namePrefix) {
        this(threads, namePrefix, TightJpeg::new);
    }

    /** With {@code jpegDecoders} making each worker's decoder. */
    JpegWorkers(int threads, String namePrefix, java.util.function.Supplier<TightJpeg> jpegDecoders) {
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, namePrefix + "-jpeg-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.decoders = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            decoders.add(jpegDecoders.get());
        }
    }

    /** Copies the JPEG bytes and decodes them into the rectangle on a worker. Reader thread only. */
    void submit(byte[] bytes, int length, int x, int y, int w, int h, Framebuffer fb) throws InterruptedIOException,
            VncProtocolException {
        awaitOverlapping(x, y, w, h);
        if (pending.size() >= MAX_PENDING) {
            awaitAll();
        }
        byte[] copy = buffer(length);
        System.arraycopy(bytes, 0, copy, 0, length);
        pendingAreas.add(new int[] {x, y, x + w, y + h});
        pending.add(pool.submit(() -> {
            TightJpeg jpeg = decoders.take();
            try {
                jpeg.decode(copy, length, x, y, w, h, fb);
            } finally {
                decoders.add(jpeg);
                freeBuffers.add(copy);
            }
            return null;
        }));
    }

    /** Waits for the pending decodes if any of them covers part of this rectangle. */
    void awaitOverlapping(int x, int y, int w, int h) throws InterruptedIOException, VncProtocolException {
        for (int[] a : pendingAreas) {
            if (x < a[2] && a[0] < x + w && y < a[3] && a[1] < y + h) {
                awaitAll();
                return;
            }
        }
    }

    /** Waits for every pending decode; reports the first failure as the session's error. */
    void awaitAll() throws InterruptedIOException, VncProtocolException {
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while JPEG rectangles were decoded");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VncProtocolException vpe) {
                throw vpe;
            }
            throw new VncProtocolException("The server sent a corrupt JPEG picture.", e.getCause());
        } finally {
            pending.clear();
            pendingAreas.clear();
        }
    }

    private byte[] buffer(int length) {
        for (int tries = freeBuffers.size(); tries > 0; tries--) {
            byte[] b = freeBuffers.poll();
            if (b == null) {
                break;
            }
            if (b.length >= length) {
                return b;
            }
            // Too small for this one: drop it, a larger one replaces it below.
        }
        return new byte[Math.max(length, 64 * 1024)];
    }

    /**
     * Stops the workers and, once none runs (a decode in progress ends within milliseconds), frees their JPEG
     * decoders; if one is still running after {@link #CLOSE_WAIT_MILLIS}, the decoders are left to the garbage
     * collector, since freeing one in use would corrupt it. Reader thread.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        // A session closed locally interrupts its reader, which then closes this: the wait must still happen.
        boolean interrupted = Thread.interrupted();
        try {
            if (pool.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                for (TightJpeg decoder; (decoder = decoders.poll()) != null; ) {
                    decoder.close();
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
