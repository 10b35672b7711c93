package dev.ums.viewer.internal.message;

import dev.ums.viewer.VncProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The Fence message (type 248) in either direction. Servers use fences to measure how much data
 * is in flight during continuous updates; we answer each request at once with the same payload,
 * which is correct for every flag because this client handles messages strictly in order.
 */
public record Fence(int flags, byte[] payload) implements ClientMessage {
    public static final int PSEUDO_ENCODING = -312;
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
        if (length > 64) {
            throw new VncProtocolException("The server sent a fence with too long a payload (" + length + " bytes).");
        }
        return new Fence(flags, in.bytes(length));
    }

    public boolean isRequest() {
        return (flags & REQUEST) != 0;
    }

    /** Our answer to a request: the same payload, the flags we honour, no request bit. */
    public Fence response() {
        return new Fence(flags & SUPPORTED, payload);
    }

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(9 + payload.length).put((byte) 248).put(new byte[3]).putInt(flags)
                .put((byte) payload.length).put(payload).array();
    }
}
