package dev.ums.protocol.tunnel;

import dev.ums.protocol.io.BlockInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Reads the payload of binary WebSocket frames from a server (RFC 6455 §5.2) as one continuous byte stream,
 * straight into the caller's array: nothing is queued, so a reader that stops makes TCP stop the sender.
 * Pings are answered, pongs skipped, and a close frame is answered and ends the stream. A text frame, a masked
 * frame, a reserved bit or opcode, or an oversized control frame ends it with an error. Only control frames
 * (at most 125 bytes) are ever buffered. Called by one thread.
 */
final class FrameReader extends BlockInputStream {
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = FrameWriter.OP_CLOSE;
    private static final int OP_PING = FrameWriter.OP_PING;
    private static final int OP_PONG = FrameWriter.OP_PONG;

    /** What the reader reports when the server closes the tunnel. */
    interface CloseHandler {
        void closed(int code, String reason);
    }

    private final InputStream in;
    private final FrameWriter writer;
    private final CloseHandler onClose;
    private final BooleanSupplier closedHere;
    private long remaining;
    private boolean ended;

    /** {@code closedHere} tells whether this side closed the tunnel: reading then ends quietly instead of failing. */
    FrameReader(InputStream in, FrameWriter writer, CloseHandler onClose, BooleanSupplier closedHere) {
        this.in = in;
        this.writer = writer;
        this.onClose = onClose;
        this.closedHere = closedHere;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (closedHere.getAsBoolean()) {
            return -1;
        }
        try {
            return readPayload(b, off, len);
        } catch (IOException e) {
            if (closedHere.getAsBoolean()) {
                return -1;
            }
            throw new IOException("the tunnel failed: " + e.getMessage(), e);
        }
    }

    private int readPayload(byte[] b, int off, int len) throws IOException {
        while (remaining == 0) {
            if (ended || !nextDataFrame()) {
                ended = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("the tunnel connection ended in the middle of a frame");
        }
        remaining -= n;
        return n;
    }

    /** Reads frames until a data frame starts; false once the server closed the tunnel. */
    private boolean nextDataFrame() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                throw new EOFException("the tunnel connection ended without a close frame");
            }
            int second = readByte();
            if ((first & 0x70) != 0) {
                throw new IOException("the tunnel sent a frame with reserved bits set");
            }
            if ((second & 0x80) != 0) {
                throw new IOException("the tunnel sent a masked frame, which a server must not");
            }
            int opcode = first & 0x0f;
            long length = payloadLength(second & 0x7f);
            if (opcode == OP_BINARY || opcode == OP_CONTINUATION) {
                remaining = length;
                return true;
            }
            if (opcode == OP_TEXT) {
                throw new IOException("the tunnel sent a text frame; only binary frames are allowed");
            }
            if (opcode < OP_CLOSE || opcode > OP_PONG || length > 125) {
                throw new IOException("the tunnel sent an invalid frame (opcode " + opcode + ", " + length + " bytes)");
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException("the tunnel connection ended in the middle of a frame");
            }
            if (opcode == OP_CLOSE) {
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                String reason = payload.length > 2
                        ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                onClose.closed(code, reason);
                return false;
            }
            if (opcode == OP_PING) {
                writer.pong(payload);
            }
        }
    }

    private long payloadLength(int shortLength) throws IOException {
        if (shortLength == 126) {
            return (readByte() << 8) | readByte();
        }
        if (shortLength < 126) {
            return shortLength;
        }
        long length = 0;
        for (int i = 0; i < 8; i++) {
            length = (length << 8) | readByte();
        }
        if (length < 0) {
            throw new IOException("the tunnel sent a frame longer than 2^63 bytes");
        }
        return length;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the tunnel connection ended in the middle of a frame header");
        }
        return b;
    }
}
