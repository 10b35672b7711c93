package dev.ums.agent.internal.rfb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
    static final int SECURITY_NONE = 1;
    static final int SECURITY_VNC_AUTH = 2;
    private static final int VERSION_LENGTH = 12;
    private static final int VNC_AUTH_RESPONSE_LENGTH = 16;
    private static final int MAX_HEADER = 16;

    private enum State { VERSION, SECURITY_CHOICE, AWAIT_SERVER_SECURITY, AUTH_RESPONSE, CLIENT_INIT, MESSAGES }

    private final OutputStream server;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerFill;
    private int headerNeeded;
    private State state = State.VERSION;
    private volatile int minorVersion = -1;
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
        this.headerNeeded = VERSION_LENGTH;
    }

    /**
     * Watches the server → viewer bytes for the one fact the filter needs from them: the security type an
     * RFB 3.3 server imposes (later versions let the viewer choose, and the viewer's choice is in its own
     * stream). The server sends it only after it got the viewer's version, so that version is known here.
     */
    public void observeServer(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len && imposedSecurityType < 0; i++) {
            serverBytesSeen++;
            if (serverBytesSeen <= VERSION_LENGTH) {
                continue;
            }
            if (minorVersion < 0 || minorVersion >= 7) {
                imposedSecurityType = 0;
                return;
            }
            serverSecurity = (serverSecurity << 8) | (bytes[i] & 0xff);
            if (serverBytesSeen == VERSION_LENGTH + 4) {
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
                headerNeeded = RfbClientMessages.headerLength(header, headerFill);
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
        byte[] complete = java.util.Arrays.copyOf(header, headerFill);
        headerFill = 0;
        switch (state) {
            case VERSION -> {
                minorVersion = minorVersion(complete);
                // From 3.7 on the viewer names the security type; in 3.3 the server imposes it.
                state = minorVersion >= 7 ? State.SECURITY_CHOICE : State.AWAIT_SERVER_SECURITY;
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
                headerNeeded = 1;
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
        if (type == SECURITY_VNC_AUTH) {
            state = State.AUTH_RESPONSE;
            headerNeeded = VNC_AUTH_RESPONSE_LENGTH;
        } else if (type == SECURITY_NONE) {
            state = State.CLIENT_INIT;
            headerNeeded = 1;
        } else {
            throw new UnfilterableStreamException("security type " + type + " cannot be filtered for input");
        }
    }

    private void message(byte[] complete) throws IOException {
        long total = RfbClientMessages.totalLength(complete);
        dropping = RfbClientMessages.isInput(complete);
        if (dropping) {
            droppedMessages++;
        } else {
            server.write(complete);
        }
        bodyLeft = total - complete.length;
        headerNeeded = 1;
    }

    private static int minorVersion(byte[] version) throws UnfilterableStreamException {
        String text = new String(version, StandardCharsets.US_ASCII);
        if (!text.matches("RFB \\d{3}\\.\\d{3}\n")) {
            throw new UnfilterableStreamException("the viewer did not start with an RFB version");
        }
        return Integer.parseInt(text.substring(8, 11));
    }
}
