package dev.ums.viewer.internal.message;

import java.nio.ByteBuffer;

/** FramebufferUpdateRequest (type 3): asks for changes (incremental) or everything in an area. */
public record FramebufferUpdateRequest(boolean incremental, int x, int y, int width, int height)
        implements ClientMessage {
    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(10).put((byte) 3).put((byte) (incremental ? 1 : 0))
                .putShort((short) x).putShort((short) y).putShort((short) width).putShort((short) height).array();
    }
}
