package dev.ums.agent.internal.rfb;

import dev.ums.rfb.ClientInit;
import dev.ums.rfb.ClientMessageLengths;
import dev.ums.rfb.MessageType;
import dev.ums.rfb.ProtocolVersion;
import dev.ums.rfb.SecurityType;
import dev.ums.rfb.SecurityTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Parses the viewer → VNC server byte stream (RFB 3.3, 3.7, 3.8) and forwards it unchanged except for
 * input messages (KeyEvent, PointerEvent, ClientCutText, QEMU key events), which it drops: this is how a
 * view-only session stays view-only even against a viewer that ignores the flag.
 *
 * <p>The handshake passes through untouched; the only thing the filter needs from the other direction is
 * the security type an RFB 3.3 server imposes, reported through {@link #serverSecurityType(int)}. A
 * message type it does not know ends the stream with an {@link UnfilterableStreamException}, because its
 * length is unknown and input could be hidden behind it.
 *
 * <p>Thread: {@link #write} is called by the one thread that copies viewer bytes to the server;
 * {@link #serverSecurityType} by the thread copying the other way.
 */
public final class RfbClientStreamFilter {
    /** The longest header {@link ClientMessageLengths} asks for, and the longest handshake step read at once. */
    private static final int MAX_HEADER = 16;

    private enum State { VERSION, SECURITY_CHOICE, AWAIT_SERVER_SECURITY, AUTH_RESPONSE, CLIENT_INIT, MESSAGES }

    private final OutputStream server;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerFill;
    private int headerNeeded;
    private State state = State.VERSION;
    /** The version the viewer speaks, once its greeting was read. */
    private volatile ProtocolVersion version;
    private int serverBytesSeen;
    private int serverSecurity;
    private volatile int imposedSecurityType = -1;
    /** Bytes of the current message's body still to pass or drop once its header is complete. */
    private long bodyLeft;
    private boolean dropping;
    private long droppedMessages;

    /** @param server where the bytes that survive the filter go: the VNC server's socket */
    public RfbClientStreamFilter(OutputStream server) {
        this.server = server;
        this.headerNeeded = ProtocolVersion.GREETING_LENGTH;
    }

    /**
     * Watches the server → viewer bytes for the one fact the filter needs from them: the security type an
     * RFB 3.3 server imposes (later versions let the viewer choose, and the viewer's choice is in its own
     * stream). The server sends it only after it got the viewer's version, so that version is known here.
     */
    public void observeServer(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len && imposedSecurityType < 0; i++) {
            serverBytesSeen++;
            if (serverBytesSeen <= ProtocolVersion.GREETING_LENGTH) {
                continue;
            }
            if (version != ProtocolVersion.V3_3) {
                imposedSecurityType = 0;
                return;
            }
            serverSecurity = (serverSecurity << 8) | (bytes[i] & 0xff);
            if (serverBytesSeen == ProtocolVersion.GREETING_LENGTH + SecurityTypes.V3_3_LENGTH) {
                imposedSecurityType = serverSecurity;
            }
        }
    }

    /** Input messages dropped so far. */
    public long droppedMessages() {
        return droppedMessages;
    }

    /** Filters {@code len} viewer bytes and writes what may reach the server. */
    public void write(byte[] bytes, int off, int len) throws IOException {
        int pos = off;
        int end = off + len;
        int passStart = pos;
        while (pos < end) {
            if (bodyLeft > 0) {
                int n = (int) Math.min(bodyLeft, end - pos);
                if (dropping) {
                    flush(bytes, passStart, pos);
                    passStart = pos + n;
                }
                pos += n;
                bodyLeft -= n;
                continue;
            }
            // Header bytes are held back until the whole header is known: only then is it clear
            // whether the message passes.
            flush(bytes, passStart, pos);
            header[headerFill++] = bytes[pos++];
            passStart = pos;
            if (state == State.MESSAGES) {
                headerNeeded = headerLength();
            }
            if (headerFill == headerNeeded) {
                headerComplete();
            }
        }
        flush(bytes, passStart, end);
        server.flush();
    }

    private void flush(byte[] bytes, int from, int to) throws IOException {
        if (to > from) {
            server.write(bytes, from, to - from);
        }
    }

    private void headerComplete() throws IOException {
        byte[] complete = Arrays.copyOf(header, headerFill);
        headerFill = 0;
        switch (state) {
            case VERSION -> {
                version = version(complete);
                // From 3.7 on the viewer names the security type; in 3.3 the server imposes it.
                state = version != ProtocolVersion.V3_3 ? State.SECURITY_CHOICE : State.AWAIT_SERVER_SECURITY;
                headerNeeded = 1;
                server.write(complete);
            }
            case SECURITY_CHOICE -> {
                server.write(complete);
                afterSecurity(complete[0] & 0xff);
            }
            case AWAIT_SERVER_SECURITY -> {
                int type = imposedSecurityType;
                if (type < 0) {
                    throw new UnfilterableStreamException("the viewer sent data before the server chose a security type");
                }
                afterSecurity(type);
                // The byte just read already belongs to the next stage.
                header[headerFill++] = complete[0];
                if (headerFill == headerNeeded) {
                    headerComplete();
                }
            }
            case AUTH_RESPONSE -> {
                server.write(complete);
                state = State.CLIENT_INIT;
                headerNeeded = ClientInit.LENGTH;
            }
            case CLIENT_INIT -> {
                server.write(complete);
                state = State.MESSAGES;
                headerNeeded = 1;
            }
            case MESSAGES -> message(complete);
        }
    }

    private void afterSecurity(int type) throws UnfilterableStreamException {
        if (type == SecurityType.VNC_AUTHENTICATION) {
            state = State.AUTH_RESPONSE;
            headerNeeded = SecurityType.CHALLENGE_LENGTH;
        } else if (type == SecurityType.NONE) {
            state = State.CLIENT_INIT;
            headerNeeded = ClientInit.LENGTH;
        } else {
            throw new UnfilterableStreamException("security type " + type + " cannot be filtered for input");
        }
    }

    private int headerLength() throws UnfilterableStreamException {
        int length = ClientMessageLengths.headerLength(header, headerFill);
        if (length == ClientMessageLengths.UNKNOWN) {
            throw unknown(header);
        }
        return length;
    }

    private void message(byte[] complete) throws IOException {
        long total = ClientMessageLengths.totalLength(complete);
        if (total == ClientMessageLengths.UNKNOWN) {
            throw unknown(complete);
        }
        dropping = isInput(complete[0] & 0xff);
        if (dropping) {
            droppedMessages++;
        } else {
            server.write(complete);
        }
        bodyLeft = total - complete.length;
        headerNeeded = 1;
    }

    /** Whether the message carries input from the viewer: keys, pointer, clipboard. */
    private static boolean isInput(int type) {
        return type == MessageType.KEY_EVENT || type == MessageType.POINTER_EVENT
                || type == MessageType.CLIENT_CUT_TEXT || type == MessageType.QEMU;
    }

    private static UnfilterableStreamException unknown(byte[] header) {
        int type = header[0] & 0xff;
        return new UnfilterableStreamException(type == MessageType.QEMU
                ? "unknown QEMU client message subtype " + (header[1] & 0xff)
                : "unknown RFB client message type " + type);
    }

    private static ProtocolVersion version(byte[] greeting) throws UnfilterableStreamException {
        return ProtocolVersion.Announced.parse(greeting).map(ProtocolVersion::closestTo)
                .orElseThrow(() -> new UnfilterableStreamException("the viewer did not start with an RFB version"));
    }
}
