package dev.ums.demo.internal.vnc;

import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.rfb.CopyRect;
import dev.ums.rfb.EncodingType;
import dev.ums.rfb.FramebufferUpdate;
import dev.ums.rfb.FramebufferUpdateRequest;
import dev.ums.rfb.KeyEvent;
import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.PointerEvent;
import dev.ums.rfb.RectangleHeader;
import dev.ums.rfb.RfbInput;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RFB client of a {@link FramebufferSource}, over any pair of streams. The reader thread runs the
 * handshake and then the client's messages; the writer thread answers FramebufferUpdateRequests with what
 * changed since the last update (dirty rectangles and CopyRect), waiting while nothing did. The two are
 * separate because a pending incremental request must be answered while the reader is blocked reading.
 * Memory is bounded: at most one update of at most one framebuffer is prepared at a time, and a slow client
 * blocks only its own writer. {@link #close()} called from another thread returns once the session's threads have
 * ended (or after {@link #THREADS_END_WITHIN}), so nothing of the session runs or logs after its server has closed.
 */
public final class RfbServerSession implements FramebufferSource.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RfbServerSession.class);
    /** How long a close waits for the session's threads once its transport is closed. */
    public static final Duration THREADS_END_WITHIN = Duration.ofSeconds(5);

    private final FramebufferSource source;
    private final RfbInput in;
    private final OutputStream out;
    private final AutoCloseable transport;
    private final String name;
    private final Runnable onEnd;
    private final HandshakeDeadline deadline;
    private final RepeatedWarning closedForWhatTheySent;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread reader;
    // the reader or the refusing thread, and the writer: started at most once each, joined by close()
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final PendingChanges pending;
    // guarded by lock
    private Rect request;
    private boolean answerEvenIfEmpty;
    private boolean closed;
    private PixelWriter writer = new PixelWriter(PixelFormat.RGB888);
    private List<Integer> clientEncodings = List.of();

    /** A session whose client may take as long as it likes over the handshake. */
    public RfbServerSession(FramebufferSource source, InputStream in, OutputStream out, AutoCloseable transport,
                            String name, Runnable onEnd) {
        this(source, in, out, transport, HandshakeDeadline.NONE, closedClientsWarning(), name, onEnd);
    }

    /**
     * @param transport            closed when the session ends (the socket), so both threads stop
     * @param deadline             already armed on the transport; lifted after ServerInit
     * @param closedForWhatTheySent where the session warns that it closes its client for what the client sent,
     *                             shared by all the sessions of a server so that a flood of them cannot flood the log
     * @param onEnd                called once when the session has ended
     */
    public RfbServerSession(FramebufferSource source, InputStream in, OutputStream out, AutoCloseable transport,
                            HandshakeDeadline deadline, RepeatedWarning closedForWhatTheySent, String name,
                            Runnable onEnd) {
        this.source = source;
        this.deadline = deadline;
        this.closedForWhatTheySent = closedForWhatTheySent;
        this.in = new RfbInput(new BufferedInputStream(in, 8 * 1024));
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.transport = transport;
        this.name = name;
        this.onEnd = onEnd;
        this.pending = new PendingChanges(source.width(), source.height());
        this.reader = new Thread(this::readLoop, name + "-reader");
        this.reader.setDaemon(true);
    }

    /** The warning of clients closed for what they sent, at most {@value RepeatedWarning#PER_MINUTE} lines a minute. */
    public static RepeatedWarning closedClientsWarning() {
        return RepeatedWarning.perMinute(LOG, Clock.systemUTC(), "demo VNC clients closed for what they sent");
    }

    /** Starts the reader thread; returns at once. */
    public void start() {
        threads.add(reader);
        reader.start();
    }

    /** Refuses the client during the handshake with {@code reason} (for example: too many viewers), then ends. */
    public void refuse(String reason) {
        Thread t = new Thread(() -> {
            try {
                ServerHandshake handshake = new ServerHandshake(in, out);
                withinDeadline(handshake::exchangeVersions);
                handshake.refuse(reason);
            } catch (IOException e) {
                LOG.debug("{}: refusing failed", name, e);
            } finally {
                close();
            }
        }, name + "-refuse");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void readLoop() {
        String reason = "the viewer left";
        boolean registered = false;
        try {
            ServerHandshake handshake = new ServerHandshake(in, out);
            withinDeadline(() -> {
                handshake.exchangeVersions();
                handshake.accept(source.width(), source.height(), source.name());
            });
            deadline.lift();
            source.changes().add(this);
            registered = true;
            source.viewer(name, true);
            Thread writer = new Thread(this::writeLoop, name + "-writer");
            writer.setDaemon(true);
            threads.add(writer);
            writer.start();
            ClientMessageReader messages = new ClientMessageReader(in, new Handler());
            while (!isClosed()) {
                messages.readOne();
            }
        } catch (RfbRefusal e) {
            reason = e.getMessage();
            closedForWhatTheySent.warn("{}: closing the connection: {}", name, reason);
        } catch (EOFException e) {
            LOG.debug("{}: the viewer closed the connection", name);
        } catch (IOException e) {
            if (!isClosed()) {
                reason = "connection failed: " + e.getMessage();
                LOG.info("{}: {}", name, reason);
            }
        } catch (RuntimeException e) {
            reason = "unexpected failure";
            LOG.warn("{}: session failed", name, e);
        } finally {
            if (registered) {
                source.changes().remove(this);
                source.viewer(name, false);
            }
            close();
        }
    }

    /** A part of the handshake, whose read timing out is the client's failure to keep the deadline. */
    private void withinDeadline(HandshakeStep step) throws IOException {
        try {
            step.run();
        } catch (SocketTimeoutException e) {
            throw new RfbRefusal("the client did not complete the handshake within " + deadline.limit().toSeconds()
                    + " s");
        }
    }

    private interface HandshakeStep {
        void run() throws IOException;
    }

    private void writeLoop() {
        try (SessionEncoders encoders = new SessionEncoders()) {
            while (true) {
                synchronized (lock) {
                    while (!closed && (request == null || (!answerEvenIfEmpty && pending.isEmpty()))) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                }
                writeUpdate(prepare(encoders));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("{}: writing failed", name, e);
        } catch (RuntimeException e) {
            LOG.warn("{}: preparing an update failed", name, e);
        } finally {
            close();
        }
    }

    /** Takes what to send and copies its pixels, all while the framebuffer cannot change. */
    private PreparedUpdate prepare(SessionEncoders encoders) {
        return source.read(pixels -> {
            synchronized (lock) {
                PendingChanges.Update update = pending.take(request);
                request = null;
                answerEvenIfEmpty = false;
                List<int[]> rectPixels = new ArrayList<>(update.rects().size());
                for (Rect r : update.rects()) {
                    int[] copy = new int[r.w() * r.h()];
                    // Java2D may leave alpha bits in an RGB raster; the wire and the encoders' palettes want none.
                    int i = 0;
                    for (int y = r.y(); y < r.bottom(); y++) {
                        int row = y * source.width();
                        for (int x = r.x(); x < r.right(); x++) {
                            copy[i++] = pixels[row + x] & 0xffffff;
                        }
                    }
                    rectPixels.add(copy);
                }
                return new PreparedUpdate(update, rectPixels, writer, encoders.choose(clientEncodings));
            }
        });
    }

    private record PreparedUpdate(PendingChanges.Update update, List<int[]> pixels, PixelWriter writer,
                                  RectEncoder encoder) {
    }

    private void writeUpdate(PreparedUpdate prepared) throws IOException {
        PendingChanges.Update update = prepared.update();
        int count = update.rects().size() + (update.copy() != null ? 1 : 0);
        out.write(FramebufferUpdate.encodeHeader(count));
        if (update.copy() != null) {
            Rect d = update.copy().destination();
            writeHeader(d, EncodingType.COPY_RECT);
            out.write(new CopyRect(update.copy().source().x(), update.copy().source().y()).encode());
        }
        for (int i = 0; i < update.rects().size(); i++) {
            Rect r = update.rects().get(i);
            writeHeader(r, prepared.encoder().code());
            prepared.encoder().encode(prepared.pixels().get(i), r.w(), r.h(), prepared.writer(), out);
        }
        out.flush();
    }

    private void writeHeader(Rect r, int encoding) throws IOException {
        out.write(new RectangleHeader(r.x(), r.y(), r.w(), r.h(), encoding).encode());
    }

    @Override
    public void changed(Rect area) {
        synchronized (lock) {
            pending.markDirty(area);
            lock.notifyAll();
        }
    }

    @Override
    public void copied(Rect sourceArea, int dx, int dy) {
        synchronized (lock) {
            pending.copied(sourceArea, dx, dy, clientEncodings.contains(EncodingType.COPY_RECT));
            lock.notifyAll();
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Ends the session: both threads stop and the transport is closed. Idempotent. Called from a thread not of this
     * session, it returns once the session's threads have ended, at most {@link #THREADS_END_WITHIN} later.
     */
    @Override
    public void close() {
        stop();
        if (!threads.contains(Thread.currentThread())) {
            awaitThreads(System.nanoTime() + THREADS_END_WITHIN.toNanos());
        }
    }

    /** Tells both threads to stop and closes the transport, without waiting for them. Idempotent; any thread. */
    public void stop() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            transport.close();
        } catch (Exception e) {
            LOG.debug("{}: closing the transport", name, e);
        }
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }

    /**
     * Waits until the session's threads have ended, or {@link System#nanoTime()} has reached {@code deadline}; called
     * after {@link #stop()} from a thread not of this session.
     */
    public void awaitThreads(long deadline) {
        try {
            // the reader adds the writer before starting it: a writer started meanwhile is in the list once the
            // reader has ended
            for (int i = 0; i < threads.size(); i++) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                Thread thread = threads.get(i);
                if (leftMillis > 0) {
                    thread.join(leftMillis);
                }
                if (thread.isAlive()) {
                    LOG.debug("{}: a session thread had not ended when the close stopped waiting", name);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies the client's messages; runs on the reader thread. */
    private final class Handler implements ClientMessageReader.Handler {
        @Override
        public void pixelFormat(PixelFormat asked) throws RfbRefusal {
            String why = PixelWriter.unsupportedReason(asked);
            if (why != null) {
                throw new RfbRefusal("unsupported pixel format: " + why);
            }
            synchronized (lock) {
                writer = new PixelWriter(asked);
            }
        }

        @Override
        public void encodings(List<Integer> codes) {
            synchronized (lock) {
                clientEncodings = codes;
            }
            LOG.debug("{}: encodings {}, sending {}", name, codes, SessionEncoders.preferred(codes));
        }

        @Override
        public void updateRequest(FramebufferUpdateRequest r) {
            Rect asked = Rect.of(r.x(), r.y(), r.width(), r.height())
                    .intersect(new Rect(0, 0, source.width(), source.height()));
            synchronized (lock) {
                if (!r.incremental()) {
                    pending.markDirty(asked);
                    answerEvenIfEmpty = true;
                }
                request = request == null ? asked : request.union(asked);
                lock.notifyAll();
            }
        }

        @Override
        public void key(KeyEvent key) {
            source.key(key.keysym(), key.down());
        }

        @Override
        public void pointer(PointerEvent p) {
            source.pointer(Math.min(p.x(), source.width() - 1), Math.min(p.y(), source.height() - 1), p.buttonMask());
        }

        @Override
        public void cutText(int length) {
            LOG.debug("{}: ignored {} bytes of clipboard text", name, length);
        }
    }
}
