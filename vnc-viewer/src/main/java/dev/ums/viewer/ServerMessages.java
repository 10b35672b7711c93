package dev.ums.viewer;

import dev.ums.rfb.CutText;
import dev.ums.rfb.EncodingType;
import dev.ums.rfb.Fence;
import dev.ums.rfb.MessageType;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SetEncodings;
import dev.ums.viewer.internal.encoding.DecodeContext;
import dev.ums.viewer.internal.encoding.FramebufferUpdateReader;
import dev.ums.viewer.internal.message.ExtendedClipboard;
import dev.ums.viewer.internal.message.ServerClipboardText;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one server-to-client message at a time and turns it into framebuffer changes and events. Texts whose length
 * the server states (the clipboard's) are buffered as they arrive, never from the stated length. The thread reading
 * the session only (a live session's reader, a replay's caller).
 */
final class ServerMessages {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Clipboard messages above this size are refused rather than buffered. */
    static final int MAX_CLIPBOARD = 16 * 1024 * 1024;

    enum Outcome { UPDATE, RESIZED, COLOURS_CHANGED, CONTINUOUS_UPDATES_OFFERED, FENCE, OTHER }

    private final RfbInput in;
    private final DecodeContext ctx;
    private final FramebufferUpdateReader updates;
    private final VncSessionListener listener;
    private final Consumer<CursorShape> cursors;
    private final ExtendedClipboard clipboard;
    private FenceAnswer fenceAnswers = f -> { };
    private java.util.function.Consumer<Fence> fenceResponses = f -> { };

    /** Sends our answer to a fence request; may block, so it may throw. */
    @FunctionalInterface
    interface FenceAnswer {
        void send(Fence answer) throws IOException;
    }
    private UpdateHook updateStarting = () -> { };

    /** Work to do when an update begins; may block, so it may throw. */
    @FunctionalInterface
    interface UpdateHook {
        void run() throws IOException;
    }
    private final FramebufferUpdateReader.Result result = new FramebufferUpdateReader.Result();

    ServerMessages(RfbInput in, DecodeContext ctx, FramebufferUpdateReader updates, VncSessionListener listener,
                   Consumer<CursorShape> cursors, ExtendedClipboard clipboard) {
        this.clipboard = clipboard;
        this.in = in;
        this.ctx = ctx;
        this.updates = updates;
        this.listener = listener;
        this.cursors = cursors;
    }

    /** With the quality a session starts at. */
    static SetEncodings setEncodings(VncSettings settings, boolean viewOnly) {
        return setEncodings(settings, viewOnly, new dev.ums.viewer.internal.quality.AdaptiveQuality(settings).current());
    }

    static SetEncodings setEncodings(VncSettings settings, boolean viewOnly, VncQuality quality) {
        List<Integer> codes = new ArrayList<>();
        // The preferred encoding leads (CopyRect, cheap and exact, may stay ahead of it); the rest keep their order.
        settings.encodings().stream().filter(e -> e == Encoding.COPY_RECT).forEach(e -> codes.add(e.code()));
        if (!codes.contains(quality.encoding().code())) {
            codes.add(quality.encoding().code());
        }
        settings.encodings().stream().filter(e -> !codes.contains(e.code())).forEach(e -> codes.add(e.code()));
        // A view-only watcher has no pointer of its own to draw the cursor at, so it lets the
        // server paint the remote user's cursor into the picture.
        if (settings.localCursor() && !viewOnly) {
            codes.add(EncodingType.CURSOR);
        }
        codes.add(EncodingType.EXTENDED_DESKTOP_SIZE);
        codes.add(EncodingType.DESKTOP_SIZE);
        codes.add(EncodingType.LAST_RECT);
        codes.add(EncodingType.EXTENDED_CLIPBOARD);
        if (settings.continuousUpdates()) {
            codes.add(EncodingType.FENCE);
            codes.add(EncodingType.CONTINUOUS_UPDATES);
        }
        if (quality.jpeg()) {
            codes.add(EncodingType.QUALITY_LEVEL_0 + quality.jpegQuality());
        }
        if (quality.compressionLevel() >= 0) {
            codes.add(EncodingType.COMPRESS_LEVEL_0 + quality.compressionLevel());
        }
        return new SetEncodings(codes);
    }

    /** Gets the server's answers to our own fence requests. */
    void onFenceResponse(java.util.function.Consumer<Fence> responses) {
        this.fenceResponses = responses;
    }

    /** Where answers to the server's fence requests go. */
    void onFence(FenceAnswer answers) {
        this.fenceAnswers = answers;
    }

    /** Runs when a FramebufferUpdate begins, before its rectangles are read. */
    void onUpdateStarting(UpdateHook hook) {
        this.updateStarting = hook;
    }

    /** What the last FramebufferUpdate changed. */
    FramebufferUpdateReader.Result lastUpdate() {
        return result;
    }

    Outcome readOne() throws IOException {
        int type = in.u8();
        switch (type) {
            case MessageType.FRAMEBUFFER_UPDATE -> {
                updateStarting.run();
                updates.read(in, ctx, result, cursors);
                if (result.resized) {
                    Framebuffer fb = ctx.framebuffer();
                    listener.framebufferResized(fb.width(), fb.height());
                }
                if (result.changed()) {
                    listener.framebufferUpdated(result.x0, result.y0, result.x1 - result.x0, result.y1 - result.y0);
                }
                return result.resized ? Outcome.RESIZED : Outcome.UPDATE;
            }
            case MessageType.SET_COLOUR_MAP_ENTRIES -> {
                readColourMap();
                return Outcome.COLOURS_CHANGED;
            }
            case MessageType.BELL -> {
                listener.bell();
                return Outcome.OTHER;
            }
            case MessageType.SERVER_CUT_TEXT -> {
                readCutText();
                return Outcome.OTHER;
            }
            case MessageType.END_OF_CONTINUOUS_UPDATES -> {
                return Outcome.CONTINUOUS_UPDATES_OFFERED;   // EndOfContinuousUpdates: no body
            }
            case MessageType.FENCE -> {
                Fence fence = Fence.decode(in);
                if (fence.isRequest()) {
                    fenceAnswers.send(fence.response());
                } else {
                    fenceResponses.accept(fence);
                }
                return Outcome.FENCE;
            }
            default -> throw new VncProtocolException("The server sent a message this viewer does not know (type "
                    + type + ").");
        }
    }

    private void readColourMap() throws IOException {
        in.u8();
        int first = in.u16();
        int count = in.u16();
        if (first + count > 256) {
            throw new VncProtocolException("The server sent colour map entries beyond the 256 colours of the map.");
        }
        int[] rgb = new int[count];
        for (int i = 0; i < count; i++) {
            rgb[i] = (in.u16() >> 8) << 16 | (in.u16() >> 8) << 8 | (in.u16() >> 8);
        }
        ctx.pixels().setColourMapEntries(first, rgb);
    }

    private void readCutText() throws IOException {
        int length = CutText.readLength(in);
        if (CutText.isExtended(length)) {
            // UTF-8 text, zlib-compressed.
            long n = CutText.bodyLength(length);
            if (n > MAX_CLIPBOARD) {
                throw new VncProtocolException("The server sent an implausibly large clipboard message.");
            }
            clipboard.handle(in.arriving((int) n));
            return;
        }
        if (length > MAX_CLIPBOARD) {
            throw new VncProtocolException("The server sent an implausibly large clipboard text ("
                    + length + " bytes).");
        }
        // Latin-1 as the protocol says, read as windows-1252 as browsers read Latin-1: the same letters, and the
        // punctuation a Windows server passes through in 0x80-0x9f (’ “ ” – € …) instead of controls left out
        listener.clipboardReceived(ServerClipboardText.clean(new String(in.arriving(length), WINDOWS_1252)));
    }
}
