package dev.ums.server.internal.recording;

import dev.ums.protocol.tunnel.TunnelSide;
import dev.ums.recording.Direction;
import dev.ums.recording.RecordingHeader;
import dev.ums.recording.RecordingWriter;
import dev.ums.relay.RelayTap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one relayed session. The relay's threads call {@link #bytes} and {@link #ended}: they copy the frame,
 * stamp it and put it in a queue bounded to {@value #MAX_QUEUED_BYTES} bytes and {@value #MAX_QUEUED_CHUNKS}
 * chunks, and never wait. One writer thread per session ({@code ums-recorder-ID}) drains the queue into the file;
 * it creates the file at the first chunk, so a session that never carried a byte leaves none. Should the writer
 * fall behind past the bound (a slow disk) or the file fail (a full disk), the recording stops taking bytes, one
 * warning is logged, and the session is ended with a sentence: a session is recorded only when it must be, and it
 * must not go on unrecorded. A recording that fell behind ends with a record saying it is incomplete. So does one
 * that would leave its disk less room than the server keeps free ({@link RecordingRoom}, checked before the file
 * is created and every {@value #ROOM_CHECK_BYTES} bytes), and its session is ended too. The answer to a VNC password
 * challenge and a VeNCrypt Plain password are written as zeros ({@link HandshakeCredentials}).
 */
final class SessionRecorder implements RelayTap {
    static final int MAX_QUEUED_BYTES = 8 * 1024 * 1024;
    static final int MAX_QUEUED_CHUNKS = 4096;
    /** The sentences a session ends with when its recording stopped; each within a WebSocket close reason. */
    static final String FELL_BEHIND = "the server could not record the session fast enough, and it must be recorded";
    static final String FAILED = "the server could not write the session's recording, and it must be recorded";
    static final String NO_ROOM = "the server's disk is nearly full, so it cannot record the session, which it must";
    /**
     * Bytes recorded between two looks at the disk's free space, each record counted with its head (compression makes
     * a record no longer, but for a few bytes per block): about the most one recording may take of the room kept free.
     */
    static final long ROOM_CHECK_BYTES = 4L << 20;
    /** A record's kind, time and length before its bytes. */
    private static final int RECORD_HEAD_BYTES = 13;
    private static final Logger LOG = LoggerFactory.getLogger(SessionRecorder.class);

    /** A copy of one frame, or the end (then {@code bytes} is null). */
    private record Item(Direction direction, long atMicros, byte[] bytes, String endReason) {
    }

    /** What the recorder tells its owner; called on the writer thread. */
    interface Events {
        /** The file was created: the session's audit entry can name it. */
        void created(String fileName);

        /** The recording is over (written, failed or never started). */
        void finished(SessionRecorder recorder);
    }

    private final Path file;
    private final Clock clock;
    private final HeaderTemplate template;
    private final Events events;
    private final Consumer<String> endSession;
    private final RecordingRoom room;
    private final ThreadFactory threads;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final HandshakeCredentials credentials = new HandshakeCredentials();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicInteger queuedChunks = new AtomicInteger();
    private volatile boolean started;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean overflowed;
    /** The writer stopped for want of room on the disk. */
    private volatile boolean stopped;
    private volatile long overflowedAtMicros;
    private volatile long startNanos;
    private volatile Instant startedAt;
    private volatile Thread writer;

    /** What the header says besides its start time. */
    record HeaderTemplate(String sessionId, String deviceId, String deviceName, String user, boolean viewOnly,
                          String route) {
        RecordingHeader at(Instant startedAt) {
            return new RecordingHeader(sessionId, deviceId, deviceName, user, startedAt, viewOnly, route);
        }
    }

    /**
     * {@code endSession} ends the session with a sentence (the relay's, which does not wait); {@code room} says whether
     * the disk has room for more; {@code threads} makes the writer thread (daemon, named {@code ums-recorder-ID}) and
     * the one that ends a session whose writer fell behind.
     */
    SessionRecorder(Path file, Clock clock, HeaderTemplate template, Events events, Consumer<String> endSession,
                    RecordingRoom room, ThreadFactory threads) {
        this.threads = threads;
        this.room = room;
        this.endSession = endSession;
        this.file = file;
        this.clock = clock;
        this.template = template;
        this.events = events;
    }

    @Override
    public void bytes(TunnelSide from, ByteBuffer frame) {
        if (overflowed || stopped || ended.get() || !startOnce()) {
            return;
        }
        int n = frame.remaining();
        long micros = (System.nanoTime() - startNanos) / 1000;
        if (queuedChunks.incrementAndGet() > MAX_QUEUED_CHUNKS || queuedBytes.addAndGet(n) > MAX_QUEUED_BYTES) {
            overflow(micros);
            return;
        }
        byte[] copy = new byte[n];
        frame.get(frame.position(), copy);
        queue.add(new Item(from == TunnelSide.DEVICE ? Direction.FROM_DEVICE : Direction.FROM_CONSOLE, micros, copy,
                null));
    }

    @Override
    public void ended(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            // startOnce decides under the same lock, so a writer is either started and told the end, or never started
            if (!started) {
                events.finished(this);
                return;
            }
        }
        long micros = (System.nanoTime() - startNanos) / 1000;
        queue.add(new Item(null, micros, null, reason == null ? "the session ended" : reason));
    }

    /** Waits up to {@code millis} for the writer to finish the file (the server is stopping). */
    void awaitWritten(long millis) throws InterruptedException {
        Thread t = writer;
        if (t != null) {
            t.join(millis);
        }
    }

    /** Whether the recording lost bytes because its writer fell behind. */
    boolean overflowed() {
        return overflowed;
    }

    Path file() {
        return file;
    }

    private synchronized void overflow(long micros) {
        if (overflowed) {
            return;
        }
        overflowedAtMicros = micros;
        overflowed = true;
        LOG.warn("the recording of session {} fell behind the session ({} bytes or {} chunks waiting) and stopped "
                + "at {} s; the session is ended", template.sessionId(), MAX_QUEUED_BYTES, MAX_QUEUED_CHUNKS,
                micros / 1_000_000);
        // not on the relay's thread, which is passing a frame on right now
        Thread ender = threads.newThread(() -> endSession.accept(FELL_BEHIND));
        ender.setDaemon(true);
        ender.start();
    }

    /** Starts the writer at the first byte; false when the session ended before it. */
    private boolean startOnce() {
        if (started) {
            return true;
        }
        synchronized (this) {
            if (started) {
                return true;
            }
            if (ended.get()) {
                return false;
            }
            startNanos = System.nanoTime();
            startedAt = clock.instant();
            Thread t = threads.newThread(this::drain);
            t.setName("ums-recorder-" + template.sessionId().substring(0, Math.min(8, template.sessionId().length())));
            t.setDaemon(true);
            writer = t;
            started = true;
            t.start();
            return true;
        }
    }

    private void drain() {
        RecordingWriter out = null;
        // the two directions are stamped on two threads; the file's times never go back
        long lastMicros = 0;
        long sinceRoomCheck = 0;
        Path directory = file.toAbsolutePath().getParent();
        try {
            while (true) {
                Item item = queue.poll(1, TimeUnit.SECONDS);
                if (item == null) {
                    if (out != null) {
                        out.flush();
                    }
                    continue;
                }
                lastMicros = Math.max(lastMicros, item.atMicros());
                if (item.bytes() == null) {
                    if (out != null) {
                        out.end(lastMicros, endReason(item.endReason()));
                    }
                    return;
                }
                queuedChunks.decrementAndGet();
                queuedBytes.addAndGet(-item.bytes().length);
                if (out == null || sinceRoomCheck >= ROOM_CHECK_BYTES) {
                    sinceRoomCheck = 0;
                    if (!room.allows(directory, ROOM_CHECK_BYTES)) {
                        stopForWantOfRoom(out, lastMicros);
                        return;
                    }
                }
                if (out == null) {
                    out = RecordingWriter.create(file, template.at(startedAt));
                    events.created(file.getFileName().toString());
                }
                credentials.blank(item.direction(), item.bytes());
                out.write(item.direction(), lastMicros, item.bytes(), 0, item.bytes().length);
                sinceRoomCheck += RECORD_HEAD_BYTES + item.bytes().length;     // at most as much reaches the file
            }
        } catch (IOException e) {
            overflowed = true;
            LOG.warn("the recording of session {} failed and stopped; the session is ended: {}",
                    template.sessionId(), e.getMessage(), e);
            endSession.accept(FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.clear();
            closeQuietly(out);
            events.finished(this);
        }
    }

    private void stopForWantOfRoom(RecordingWriter out, long atMicros) throws IOException {
        stopped = true;
        LOG.warn("the recording of session {} stopped at {} s: the disk of {} would keep less than the {} bytes the "
                + "server keeps free; the session is ended", template.sessionId(), atMicros / 1_000_000,
                file.toAbsolutePath().getParent(), room.keepFreeBytes());
        if (out != null) {
            out.end(atMicros, "incomplete: the server's disk was nearly full at " + atMicros / 1_000_000 + " s");
        }
        endSession.accept(NO_ROOM);
    }

    private String endReason(String sessionEnd) {
        if (!overflowed) {
            return sessionEnd;
        }
        return "incomplete: the recording fell behind the session and stopped at " + overflowedAtMicros / 1_000_000
                + " s (" + sessionEnd + ")";
    }

    private void closeQuietly(RecordingWriter out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("closing the recording {} failed", file, e);
        }
    }
}
