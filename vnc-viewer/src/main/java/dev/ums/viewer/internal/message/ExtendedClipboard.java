package dev.ums.viewer.internal.message;

import dev.ums.rfb.ClientMessage;
import dev.ums.rfb.CutText;
import dev.ums.rfb.MessageType;
import dev.ums.viewer.VncProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The Extended Clipboard extension: UTF-8 text instead of Latin-1, announced by notify, fetched
 * by request and delivered by a zlib-compressed provide. Messages are cut-text messages with a
 * negative length. Incoming messages are handled on the reader thread; {@link #offerLocal} may be
 * called from any thread.
 */
public final class ExtendedClipboard {
    static final int TEXT = 1;
    static final int CAPS = 1 << 24;
    static final int REQUEST = 1 << 25;
    static final int PEEK = 1 << 26;
    static final int NOTIFY = 1 << 27;
    static final int PROVIDE = 1 << 28;
    private static final int MAX_TEXT = 16 * 1024 * 1024;
    /** What a provided text's buffer starts at before inflated bytes show it needs more. */
    private static final int FIRST_TEXT_BUFFER = 64 * 1024;

    private final Consumer<ClientMessage> send;
    private final Consumer<String> received;
    private final java.util.function.BooleanSupplier mayProvide;
    private volatile boolean active;
    private volatile int serverActions;
    private volatile String localText;
    /**
     * Our text and its provide payload: a server may ask for our text again and again, 12 bytes per request, so the
     * text is compressed once and every answer shares the one payload, which the outgoing queue then holds once
     * however many answers wait in it. Dropped with the text when view-only mode withdraws it.
     */
    private volatile Provided provided;

    private record Provided(String text, byte[] payload) {
    }

    /**
     * @param send       queues a message to the server
     * @param received   gets the server's clipboard text
     * @param mayProvide false while in view-only mode (which may change during the session): our clipboard is not offered
     */
    public ExtendedClipboard(Consumer<ClientMessage> send, Consumer<String> received,
                             java.util.function.BooleanSupplier mayProvide) {
        this.send = send;
        this.received = received;
        this.mayProvide = mayProvide;
    }

    /** Whether the server announced the extension, so that text goes as UTF-8. */
    public boolean active() {
        return active;
    }

    /** Handles one extended message (the payload after the negative length). */
    public void handle(byte[] payload) throws VncProtocolException {
        if (payload.length < 4) {
            throw new VncProtocolException("The server sent a malformed extended clipboard message.");
        }
        int flags = ByteBuffer.wrap(payload).getInt();
        if ((flags & CAPS) != 0) {
            serverActions = flags & 0xff000000;
            active = true;
            announceCapabilities();
        } else if ((flags & PROVIDE) != 0) {
            if ((flags & TEXT) != 0) {
                received.accept(decodeText(payload));
            }
        } else if ((flags & NOTIFY) != 0) {
            if ((flags & TEXT) != 0 && (serverActions & REQUEST) != 0) {
                send.accept(new Message(REQUEST | TEXT, new byte[0]));
            }
        } else if ((flags & REQUEST) != 0) {
            String text = localText;
            if (text != null && mayProvide.getAsBoolean() && (flags & TEXT) != 0) {
                send.accept(new Message(PROVIDE | TEXT, providePayload(text)));
            }
        } else if ((flags & PEEK) != 0 && mayProvide.getAsBoolean()) {
            send.accept(new Message(NOTIFY | (localText != null ? TEXT : 0), new byte[0]));
        }
    }

    /** {@code text} compressed for a provide message, once for each text offered. Reader thread. */
    private byte[] providePayload(String text) {
        Provided p = provided;
        // The same instance, not an equal text: each offer is a new string, and comparing 16 MiB texts would cost
        // what the payload saves.
        if (p == null || p.text() != text) {
            p = new Provided(text, encodeText(text));
            provided = p;
        }
        if (localText != text) {
            provided = null;      // withdrawn meanwhile (view-only mode): no copy of it stays
        }
        return p.payload();
    }

    /** The action bits say which messages we accept: a view-only client answers no requests. */
    private void announceCapabilities() {
        int ours = CAPS | NOTIFY | PROVIDE | TEXT | (mayProvide.getAsBoolean() ? REQUEST | PEEK : 0);
        send.accept(new Message(ours, ByteBuffer.allocate(4).putInt(MAX_TEXT).array()));
    }

    /** View-only mode was switched: announce what we now accept, and forget our text when we may no longer offer it. */
    public void viewOnlyChanged() {
        if (!mayProvide.getAsBoolean()) {
            localText = null;
            provided = null;
        }
        if (active) {
            announceCapabilities();
        }
    }

    /** Announces new local text; the server fetches it when someone pastes there. */
    public void offerLocal(String text) {
        if (!mayProvide.getAsBoolean()) {
            return;
        }
        localText = text;
        if ((serverActions & NOTIFY) != 0) {
            send.accept(new Message(NOTIFY | TEXT, new byte[0]));
        } else if ((serverActions & PROVIDE) != 0) {
            send.accept(new Message(PROVIDE | TEXT, encodeText(text)));
        }
    }

    /**
     * The text of a provide message: a 32-bit size, then the UTF-8 text, all zlib-compressed. The text's buffer grows
     * as the inflated bytes come, at most doubling, so a size claimed by a few compressed bytes is not allocated.
     */
    private static String decodeText(byte[] payload) throws VncProtocolException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(payload, 4, payload.length - 4);
            byte[] sizeBytes = new byte[4];
            inflateFully(inflater, sizeBytes, 0);
            int size = ByteBuffer.wrap(sizeBytes).getInt();
            if (size < 0 || size > MAX_TEXT) {
                throw new VncProtocolException("The server sent an implausibly large clipboard text.");
            }
            byte[] text = new byte[Math.min(size, FIRST_TEXT_BUFFER)];
            inflateFully(inflater, text, 0);
            while (text.length < size) {
                int done = text.length;
                text = Arrays.copyOf(text, (int) Math.min(size, 2L * done));
                inflateFully(inflater, text, done);
            }
            return ServerClipboardText.clean(new String(text, StandardCharsets.UTF_8));
        } finally {
            inflater.end();
        }
    }

    /** Fills {@code out} from index {@code from} on. */
    private static void inflateFully(Inflater inflater, byte[] out, int from) throws VncProtocolException {
        int done = from;
        try {
            while (done < out.length) {
                int n = inflater.inflate(out, done, out.length - done);
                if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                    throw new VncProtocolException("The server sent a truncated clipboard text.");
                }
                done += n;
            }
        } catch (DataFormatException e) {
            throw new VncProtocolException("The server sent a corrupt clipboard text.", e);
        }
    }

    static byte[] encodeText(String text) {
        byte[] utf8 = (text.replace("\r\n", "\n").replace("\n", "\r\n") + "\0").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(utf8.length + 4);
        raw.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        raw.writeBytes(utf8);
        Deflater deflater = new Deflater();
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** One extended clipboard message from us: ClientCutText with a negative length. */
    public record Message(int flags, byte[] payload) implements ClientMessage {
        @Override
        public byte[] encode() {
            return CutText.encodeExtended(MessageType.CLIENT_CUT_TEXT, flags, payload);
        }
    }

}
