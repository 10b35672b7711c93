package dev.ums.viewer;

import dev.ums.rfb.ClientMessage;
import dev.ums.rfb.ImplausibleLengthException;
import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.PointerEvent;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SetPixelFormat;
import dev.ums.viewer.internal.encoding.DecodeContext;
import dev.ums.viewer.internal.encoding.FramebufferUpdateReader;
import dev.ums.viewer.internal.encoding.PixelReader;
import dev.ums.viewer.internal.message.ExtendedClipboard;
import dev.ums.viewer.internal.replay.ChunkFeed;
import dev.ums.viewer.internal.replay.RecordedClientMessages;
import dev.ums.viewer.internal.replay.RecordedHandshake;
import dev.ums.viewer.internal.replay.TimedStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * One pass through a recording from its beginning: follows the handshake, then reads the server's messages through
 * the live session's {@link ServerMessages} and decoders into a framebuffer, applying the client's SetPixelFormat
 * messages at the moment they were recorded. Its decoders' zlib state ties it to the order of the stream, so it
 * only goes forwards. The replay's thread only.
 */
final class ReplayRun implements AutoCloseable {
    private final ChunkFeed feed;
    private final TimedStream serverSide;
    private final TimedStream clientSide;
    private final RfbInput server;
    private final RecordedClientMessages client;
    private final Framebuffer framebuffer;
    private final FramebufferUpdateReader updates = new FramebufferUpdateReader();
    private final Changes changes = new Changes();
    private final ExtendedClipboard clipboard = new ExtendedClipboard(m -> { }, t -> { }, () -> false);
    private DecodeContext context;
    private ServerMessages messages;
    private RecordedHandshake.Result opening;
    private long position = -1;
    private boolean ended;
    private boolean clientEnded;
    /** Why the run stopped, thrown again by every later step: the stream cannot be resumed after it. */
    private VncProtocolException failure;
    private CursorShape cursor = CursorShape.HIDDEN;
    private VncInputEvent pointer;

    ReplayRun(VncReplay.Reader reader, Framebuffer framebuffer) {
        this.feed = new ChunkFeed(reader, true);
        this.serverSide = new TimedStream(feed, true);
        this.clientSide = new TimedStream(feed, false);
        this.server = new RfbInput(serverSide);
        this.client = new RecordedClientMessages(new RfbInput(clientSide));
        this.framebuffer = framebuffer;
    }

    /** Where this run stands: every message recorded up to this time is applied; -1 before the first step. */
    long position() {
        return position;
    }

    boolean ended() {
        return ended;
    }

    RecordedHandshake.Result opening() {
        return opening;
    }

    CursorShape cursor() {
        return cursor;
    }

    /** The console's last pointer event applied, or null. */
    VncInputEvent pointer() {
        return pointer;
    }

    /** Applies every message whose first byte was recorded at or before {@code micros}; true if pixels changed. */
    boolean advanceTo(long micros) throws IOException {
        if (failure != null) {
            throw failure;
        }
        changes.changed = false;
        try {
            if (opening == null) {
                start();
            }
            while (!ended) {
                long s = serverSide.nextByteTime();
                long c = clientEnded ? TimedStream.END : clientSide.nextByteTime();
                if (c != TimedStream.END && c <= micros && c <= s) {
                    clientMessage(c);
                } else if (s != TimedStream.END && s <= micros) {
                    messages.readOne();
                } else {
                    ended = s == TimedStream.END && c == TimedStream.END;
                    break;
                }
            }
        } catch (EOFException e) {
            ended = true;      // a message cut off by the recording's end: what was complete stays
        } catch (ImplausibleLengthException e) {
            throw failed(new VncProtocolException("The recorded server sent an implausible " + e.length().field()
                    + " length (" + e.length().value() + " bytes).", e));
        } catch (VncProtocolException e) {
            throw failed(e);
        } catch (RuntimeException e) {
            throw failed(new VncProtocolException("The recording holds data the viewer cannot decode.", e));
        }
        position = Math.max(position, micros);
        return changes.changed;
    }

    private VncProtocolException failed(VncProtocolException e) {
        ended = true;
        failure = e;
        return e;
    }

    private void start() throws IOException {
        opening = new RecordedHandshake(server, new RfbInput(clientSide)).follow();
        framebuffer.resize(opening.init().width(), opening.init().height());
        framebuffer.fill(0, 0, framebuffer.width(), framebuffer.height(), 0);
        changes.changed = true;
        useFormat(opening.init().pixelFormat());
    }

    private void clientMessage(long at) throws IOException {
        ClientMessage message;
        try {
            message = client.next();
        } catch (EOFException e) {
            clientEnded = true;     // the console's side was cut off mid-message; the server's may go on
            return;
        }
        if (message instanceof SetPixelFormat set) {
            useFormat(set.format());
        } else if (message instanceof PointerEvent p) {
            pointer = VncInputEvent.pointer(at, p.x(), p.y(), p.buttonMask());
        }
    }

    /** A new wire format takes effect for the server's next message; zlib state in the decoders carries on. */
    private void useFormat(PixelFormat format) throws VncProtocolException {
        if (context != null) {
            context.close();
        }
        context = new DecodeContext(framebuffer, new PixelReader(format));
        messages = new ServerMessages(server, context, updates, changes, shape -> cursor = shape, clipboard);
    }

    @Override
    public void close() throws IOException {
        if (context != null) {
            context.close();
        }
        updates.close();
        feed.close();
    }

    /** Notes whether a step changed pixels. */
    private static final class Changes implements VncSessionListener {
        boolean changed;

        @Override
        public void framebufferUpdated(int x, int y, int width, int height) {
            changed = true;
        }

        @Override
        public void framebufferResized(int width, int height) {
            changed = true;
        }
    }
}
