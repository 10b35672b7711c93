package dev.ums.viewer.internal.encoding;

import dev.ums.rfb.EncodingType;
import dev.ums.rfb.ExtendedDesktopSize;
import dev.ums.rfb.FramebufferUpdate;
import dev.ums.rfb.RectangleHeader;
import dev.ums.rfb.RfbInput;
import dev.ums.viewer.CursorShape;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncProtocolException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of one FramebufferUpdate message: checks every rectangle against the
 * framebuffer and the update's {@link PaintBudget}, dispatches it to the decoder of its encoding, applies the size and
 * cursor pseudo-encodings, and reports the bounds of what changed (one area per update, however many rectangles it
 * has). Between rectangles it checks whether it was asked to {@link #stop()}: a session closed in the middle of an
 * update decodes none of the rectangles still buffered. Reader thread only, {@link #close()} included;
 * {@link #rectangles}, {@link #stop()} and {@link #closed()} from any thread.
 */
public final class FramebufferUpdateReader implements AutoCloseable {
    /** {@code Encoding.values()} copies its array on every call; this is read once per rectangle. */
    private static final Encoding[] ENCODINGS = Encoding.values();

    private static final Logger LOG = LoggerFactory.getLogger(FramebufferUpdateReader.class);

    private final RectDecoder[] decoders = new RectDecoder[ENCODINGS.length];
    private final CursorDecoder cursorDecoder = new CursorDecoder();
    private final AtomicLongArray rectangles = new AtomicLongArray(Encoding.values().length);
    private volatile boolean closed;
    private volatile boolean stopping;
    /**
     * Whether a refused desktop size change was logged. This viewer never asks for one, so a refusal is the server's
     * own doing, and it may send 65,535 in each update at 16 bytes apiece: only the first is logged.
     */
    private boolean sizeRefusalLogged;

    /** What one update did; reused from update to update. */
    public static final class Result {
        public int x0;
        public int y0;
        public int x1;
        public int y1;
        public boolean resized;

        public boolean changed() {
            return x1 > x0 && y1 > y0;
        }

        void clear() {
            x0 = Integer.MAX_VALUE;
            y0 = Integer.MAX_VALUE;
            x1 = 0;
            y1 = 0;
            resized = false;
        }

        void add(int x, int y, int w, int h) {
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x + w);
            y1 = Math.max(y1, y + h);
        }
    }

    public FramebufferUpdateReader() {
        this(Inflater::new);
    }

    /** With {@code inflaters} making the zlib streams' {@link Inflater}s. */
    FramebufferUpdateReader(Supplier<Inflater> inflaters) {
        decoders[Encoding.RAW.ordinal()] = new RawDecoder();
        decoders[Encoding.COPY_RECT.ordinal()] = new CopyRectDecoder();
        decoders[Encoding.RRE.ordinal()] = new RreDecoder();
        decoders[Encoding.HEXTILE.ordinal()] = new HextileDecoder();
        decoders[Encoding.TIGHT.ordinal()] = new TightDecoder(inflaters);
        decoders[Encoding.ZRLE.ordinal()] = new ZrleDecoder(inflaters);
    }

    /**
     * Ends the decoders' zlib streams, whose native memory would otherwise wait for the garbage collector. Called by
     * the thread that read the updates, once it reads no more.
     */
    @Override
    public void close() {
        closed = true;
        for (RectDecoder decoder : decoders) {
            decoder.close();
        }
    }

    /**
     * Asks the reading thread to decode no further rectangle: {@link #read} then ends with an
     * {@link InterruptedIOException} before the next one. For the session's end; any thread.
     */
    public void stop() {
        stopping = true;
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    /** How many rectangles of an encoding were decoded so far; safe to call from any thread. */
    public long rectangles(Encoding encoding) {
        return rectangles.get(encoding.ordinal());
    }

    public void read(RfbInput in, DecodeContext ctx, Result result, Consumer<CursorShape> cursors) throws IOException {
        result.clear();
        ctx.beginUpdate();
        int count = FramebufferUpdate.readRectangleCount(in);
        Framebuffer fb = ctx.framebuffer();
        for (int i = 0; i < count; i++) {
            RectangleHeader rect = RectangleHeader.decode(in);
            if (stopping) {
                throw new InterruptedIOException("Decoding stopped: the session was closed.");
            }
            int x = rect.x();
            int y = rect.y();
            int w = rect.width();
            int h = rect.height();
            int encoding = rect.encoding();
            switch (encoding) {
                case EncodingType.LAST_RECT -> {
                    ctx.awaitDecodes();
                    return;
                }
                case EncodingType.DESKTOP_SIZE -> {
                    ctx.awaitDecodes();
                    resize(ctx, w, h, result);
                }
                case EncodingType.EXTENDED_DESKTOP_SIZE -> {
                    ExtendedDesktopSize.skipScreens(in);
                    if (x == ExtendedDesktopSize.REASON_CLIENT_REQUEST && y != 0) {
                        if (!sizeRefusalLogged) {
                            sizeRefusalLogged = true;
                            LOG.info("server refused a desktop size change, status {} (further refusals of this "
                                    + "session are not logged)", y);
                        }
                    } else {
                        ctx.awaitDecodes();
                        resize(ctx, w, h, result);
                    }
                }
                case EncodingType.CURSOR -> cursors.accept(cursorDecoder.decode(in, x, y, w, h, ctx.pixels()));
                default -> {
                    Encoding known = byCode(encoding);
                    if (!fb.contains(x, y, w, h)) {
                        throw new VncProtocolException("The server sent a rectangle outside the desktop ("
                                + w + "×" + h + " at " + x + "," + y + ").");
                    }
                    ctx.paint((long) w * h);
                    if (known == Encoding.COPY_RECT) {
                        ctx.awaitDecodes();          // its source may be anywhere
                    } else {
                        ctx.awaitDecodesOverlapping(x, y, w, h);
                    }
                    decoders[known.ordinal()].decode(in, x, y, w, h, ctx);
                    rectangles.incrementAndGet(known.ordinal());
                    result.add(x, y, w, h);
                }
            }
        }
        ctx.awaitDecodes();
    }

    private static void resize(DecodeContext ctx, int w, int h, Result result) throws VncProtocolException {
        Framebuffer fb = ctx.framebuffer();
        if (w != fb.width() || h != fb.height()) {
            ctx.resizing((long) w * h);
        }
        if (fb.resize(w, h)) {
            result.clear();
            result.resized = true;
        }
    }

    private static Encoding byCode(int code) throws VncProtocolException {
        for (Encoding e : ENCODINGS) {
            if (e.code() == code) {
                return e;
            }
        }
        throw new VncProtocolException("The server sent a rectangle in an encoding this viewer does not know ("
                + code + ").");
    }
}
