package dev.ums.agent.internal.rfb;

import dev.ums.rfb.ClientInit;
import dev.ums.rfb.ClientMessageLengths;
import dev.ums.rfb.MessageType;
import dev.ums.rfb.ProtocolVersion;
import dev.ums.rfb.SecurityType;
import dev.ums.rfb.SecurityTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Parses the viewer → VNC server byte stream (RFB 3.3, 3.7, 3.8) and forwards it unchanged except for
 * input messages (KeyEvent, PointerEvent, ClientCutText, QEMU key events) and SetDesktopSize, which it drops: this is
 * how a view-only session stays view-only even against a viewer that ignores the flag. SetDesktopSize changes the
 * device's screen resolution, and some viewers (TigerVNC's) send it on connecting by default; the viewer simply never
 * hears back about it.
 *
 * <p>The handshake passes through untouched. What the filter needs from the other direction, shown to it through
 * {@link #observeServer}, is the server's version and, when RFB 3.3 is spoken, the security type the server
 * imposes: the server, not the viewer, decides how the following bytes are read. The viewer may not announce more
 * than the server offered (RFB: "a client should never request a protocol version higher than that offered by the
 * server"); one that does, a server that does not greet with an RFB version, and a message type the filter does not
 * know end the stream with an {@link UnfilterableStreamException}, because input could hide behind bytes read out
 * of step.
 *
 * <p>Thread: {@link #write} is called by the one thread that copies viewer bytes to the server;
 * {@link #observeServer} by the one thread copying the other way, before it passes those bytes on.
 */
public final class RfbClientStreamFilter {
    /** The longest header {@link ClientMessageLengths} asks for, and the longest handshake step read at once. */
    private static final int MAX_HEADER = 16;

    /** The server's greeting and, in RFB 3.3, the security type word after it. */
    private static final int SERVER_BYTES_WATCHED = ProtocolVersion.GREETING_LENGTH + SecurityTypes.V3_3_LENGTH;

    private enum State { VERSION, SECURITY, AUTH_RESPONSE, CLIENT_INIT, MESSAGES }

    private final OutputStream server;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerFill;
    private int headerNeeded;
    private State state = State.VERSION;
    /** The version the viewer announced, once its greeting was read. */
    private ProtocolVersion viewerVersion;
    /** Touched by the observing thread only. */
    private final byte[] serverHandshake = new byte[SERVER_BYTES_WATCHED];
    private int serverBytesSeen;
    /** The version the server offered, once its greeting was seen; set by the observing thread. */
    private volatile ProtocolVersion serverVersion;
    private volatile boolean serverGreetingInvalid;
    /** The 32-bit word after the server's greeting: the imposed security type if RFB 3.3 is spoken; else -1. */
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
     * Watches the server → viewer bytes for what the filter needs from them: the server's greeting, and the 32-bit
     * word after it, which is the imposed security type when RFB 3.3 is spoken (and is not read otherwise).
     */
    public void observeServer(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len && serverBytesSeen < SERVER_BYTES_WATCHED; i++) {
            serverHandshake[serverBytesSeen++] = bytes[i];
            if (serverBytesSeen == ProtocolVersion.GREETING_LENGTH) {
                Optional<ProtocolVersion> offered = ProtocolVersion.Announced
                        .parse(Arrays.copyOf(serverHandshake, ProtocolVersion.GREETING_LENGTH))
                        .map(ProtocolVersion::closestTo);
                serverGreetingInvalid = offered.isEmpty();
                serverVersion = offered.orElse(null);
            } else if (serverBytesSeen == SERVER_BYTES_WATCHED) {
                imposedSecurityType = ByteBuffer.wrap(serverHandshake, ProtocolVersion.GREETING_LENGTH,
                        SecurityTypes.V3_3_LENGTH).getInt();
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
                viewerVersion = version(complete);
                state = State.SECURITY;
                headerNeeded = 1;
                server.write(complete);
            }
            case SECURITY -> {
                if (agreedVersion() != ProtocolVersion.V3_3) {
                    // From 3.7 on the viewer names the security type.
                    server.write(complete);
                    afterSecurity(complete[0] & 0xff);
                    return;
                }
                // In 3.3 the server imposed it, and the byte just read already belongs to the next stage.
                int type = imposedSecurityType;
                if (type < 0) {
                    throw new UnfilterableStreamException("the viewer sent data before the server chose a security type");
                }
                afterSecurity(type);
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

    /** The version both sides speak: the viewer's, which may not be more than the server's. */
    private ProtocolVersion agreedVersion() throws UnfilterableStreamException {
        if (serverGreetingInvalid) {
            throw new UnfilterableStreamException("the server did not start with an RFB version");
        }
        ProtocolVersion offered = serverVersion;
        if (offered == null) {
            throw new UnfilterableStreamException("the viewer sent data before the server announced its version");
        }
        if (viewerVersion.compareTo(offered) > 0) {
            throw new UnfilterableStreamException("the viewer announced RFB " + viewerVersion.label()
                    + ", more than the server's " + offered.label());
        }
        return viewerVersion;
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
        dropping = changesTheDevice(complete[0] & 0xff);
        if (dropping) {
            droppedMessages++;
        } else {
            server.write(complete);
        }
        bodyLeft = total - complete.length;
        headerNeeded = 1;
    }

    /** Whether the message acts on the device: input (keys, pointer, clipboard) or a new screen size. */
    private static boolean changesTheDevice(int type) {
        return type == MessageType.KEY_EVENT || type == MessageType.POINTER_EVENT
                || type == MessageType.CLIENT_CUT_TEXT || type == MessageType.QEMU
                || type == MessageType.SET_DESKTOP_SIZE;
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
