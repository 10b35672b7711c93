package dev.ums.rfb;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The Fence message, the same in either direction: 32 bits of flags and a payload of at most
 * {@value #MAX_PAYLOAD} bytes. Servers use fences to measure how much data is in flight during continuous
 * updates; the other side answers a request with the same payload.
 */
public record Fence(int flags, byte[] payload) implements ClientMessage {
    /** Type, padding, flags and the payload's length. */
    public static final int HEADER_LENGTH = 9;
    public static final int MAX_PAYLOAD = 64;
    public static final int BLOCK_BEFORE = 1;
    public static final int BLOCK_AFTER = 1 << 1;
    public static final int SYNC_NEXT = 1 << 2;
    public static final int REQUEST = 1 << 31;
    private static final int SUPPORTED = BLOCK_BEFORE | BLOCK_AFTER | SYNC_NEXT;

    /** Reads the body after the message type. */
    public static Fence decode(RfbInput in) throws IOException {
        in.skip(3);
        int flags = in.s32();
        int length = in.u8();
        if (length > MAX_PAYLOAD) {
            throw new ImplausibleLengthException("fence payload", length, MAX_PAYLOAD);
        }
        return new Fence(flags, in.bytes(length));
    }

    /** The whole message's length, from its {@value #HEADER_LENGTH}-byte header. */
    public static long length(byte[] header) {
        return HEADER_LENGTH + (header[HEADER_LENGTH - 1] & 0xff);
    }

    public boolean isRequest() {
        return (flags & REQUEST) != 0;
    }

    /**
     * The answer to a request from a side that handles messages strictly in order, which makes every flag
     * honoured: the same payload, the flags we know, no request bit.
     */
    public Fence response() {
        return new Fence(flags & SUPPORTED, payload);
    }

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(HEADER_LENGTH + payload.length).put((byte) MessageType.FENCE).put(new byte[3])
                .putInt(flags).put((byte) payload.length).put(payload).array();
    }
}
