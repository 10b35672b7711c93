package dev.ums.viewer.internal.message;

import java.nio.ByteBuffer;

/**
 * EnableContinuousUpdates (type 150): the server pushes changes in the area without waiting for
 * FramebufferUpdateRequests, paced by fences. The server confirms support by sending an
 * EndOfContinuousUpdates message (also type 150) once we announce the pseudo-encoding.
 */
public record EnableContinuousUpdates(boolean enable, int x, int y, int width, int height) implements ClientMessage {
    public static final int PSEUDO_ENCODING = -313;

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(10).put((byte) 150).put((byte) (enable ? 1 : 0))
                .putShort((short) x).putShort((short) y).putShort((short) width).putShort((short) height).array();
    }
}
