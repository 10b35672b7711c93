package dev.ums.viewer;

import dev.ums.rfb.ClientMessage;
import dev.ums.rfb.KeyEvent;
import dev.ums.rfb.PointerEvent;
import dev.ums.rfb.RfbInput;
import dev.ums.viewer.internal.replay.ChunkFeed;
import dev.ums.viewer.internal.replay.RecordedClientMessages;
import dev.ums.viewer.internal.replay.RecordedHandshake;
import dev.ums.viewer.internal.replay.TimedStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a recorded RFB session into a {@link Framebuffer}: the bytes the server sent and the bytes the client
 * sent, each with the time it was recorded, go through the same handshake reading, message reading and decoders as
 * a live {@link VncSession}, without a socket and without answering anything. Whatever security type the recorded
 * connection used (None, VNC authentication, VeNCrypt Plain), its bytes are only consumed, so no password is
 * needed; VeNCrypt's TLS kinds are encrypted and cannot be replayed. The client's SetPixelFormat messages take
 * effect at the moment they were recorded.
 *
 * <p>{@link #advanceTo} steps forwards; a step back restarts from the beginning of the recording, since the
 * decoders' zlib state cannot be restored from a picture. Decoding is much faster than the recorded time, but a
 * step back in a long recording costs its replay up to that point. One thread at a time (never the Swing event
 * thread: it decodes); the framebuffer may be painted from another thread, as a live session's is.
 */
public final class VncReplay implements AutoCloseable {
    /** The input events {@link #timeline} keeps at most; later ones are left out (about 40 MB of events). */
    public static final int MAX_EVENTS = 1_000_000;

    /** A recording that can be read from its beginning, as often as needed. */
    @FunctionalInterface
    public interface Source {
        /** A reader at the recording's first chunk. */
        Reader open() throws IOException;
    }

    /** Reads a recording's chunks in time order. */
    public interface Reader extends Closeable {
        /** The next chunk, or null at the end of the recording (a cut-off recording simply ends). */
        Chunk next() throws IOException;
    }

    /**
     * Bytes one side sent, as recorded.
     *
     * @param atMicros   when, in microseconds since the recording started; never decreasing within a recording
     * @param fromServer true for the VNC server's (device's) side, false for the client's (console's)
     * @param bytes      the bytes, not copied
     */
    public record Chunk(long atMicros, boolean fromServer, byte[] bytes) {
    }

    private final Source source;
    private final Framebuffer framebuffer = new Framebuffer();
    private ReplayRun run;

    public VncReplay(Source source) {
        this.source = source;
    }

    /** The picture at the current position; the same object for the replay's whole life. */
    public Framebuffer framebuffer() {
        return framebuffer;
    }

    /**
     * Makes the framebuffer show the recording at {@code micros} (since the recording started): every server
     * message whose first byte was recorded by then is applied. Returns whether pixels changed. Going back restarts
     * from the beginning. A recording that ends (or is cut off) keeps its last picture.
     *
     * @throws VncProtocolException when the recorded bytes cannot be followed or decoded, with a sentence
     * @throws IOException          as the {@link Reader} throws it (a damaged file, for example)
     */
    public boolean advanceTo(long micros) throws IOException {
        boolean restarted = false;
        if (run != null && micros < run.position()) {
            run.close();
            run = null;
        }
        if (run == null) {
            run = new ReplayRun(source.open(), framebuffer);
            restarted = true;
        }
        return run.advanceTo(micros) | restarted;
    }

    /** Where the picture stands, in microseconds; -1 before the first step. */
    public long position() {
        return run == null ? -1 : run.position();
    }

    /** Whether every recorded byte has been applied. */
    public boolean ended() {
        return run != null && run.ended();
    }

    /** The recorded desktop's name, once the first step has read the opening; else empty. */
    public String desktopName() {
        return run == null || run.opening() == null ? "" : run.opening().init().name();
    }

    /** The security type the recorded connection used ("None", "VncAuth", "Plain"); empty before the first step. */
    public String security() {
        return run == null || run.opening() == null ? "" : run.opening().security();
    }

    /** The cursor shape the server last sent (hidden if it paints the cursor into the picture). */
    public CursorShape cursor() {
        return run == null ? CursorShape.HIDDEN : run.cursor();
    }

    /** The console's last pointer event up to the position, or null: where to draw {@link #cursor()}. */
    public VncInputEvent pointer() {
        return run == null ? null : run.pointer();
    }

    @Override
    public void close() throws IOException {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    /**
     * Reads a whole recording once for its length and its console's input events (at most {@link #MAX_EVENTS}),
     * decoding no pictures.
     */
    public static VncReplayTimeline timeline(Source source) throws IOException {
        List<VncInputEvent> events = new ArrayList<>();
        try (ChunkFeed feed = new ChunkFeed(source.open(), true)) {
            TimedStream clientSide = new TimedStream(feed, false);
            try {
                new RecordedHandshake(new RfbInput(new TimedStream(feed, true)), new RfbInput(clientSide)).follow();
            } catch (VncProtocolException e) {
                return new VncReplayTimeline(feed.drain(), events);
            }
            feed.dropServer();
            RecordedClientMessages client = new RecordedClientMessages(new RfbInput(clientSide));
            try {
                while (true) {
                    long at = clientSide.nextByteTime();
                    if (at == TimedStream.END) {
                        break;
                    }
                    ClientMessage message = client.next();
                    if (events.size() >= MAX_EVENTS) {
                        continue;
                    }
                    if (message instanceof KeyEvent k) {
                        events.add(VncInputEvent.key(at, k.keysym(), k.down()));
                    } else if (message instanceof PointerEvent p) {
                        events.add(VncInputEvent.pointer(at, p.x(), p.y(), p.buttonMask()));
                    }
                }
            } catch (EOFException e) {
                // the console's side was cut off mid-message
            }
            return new VncReplayTimeline(feed.drain(), events);
        }
    }
}
