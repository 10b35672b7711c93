package dev.ums.rfb;

import java.nio.ByteBuffer;

/**
 * EnableContinuousUpdates: the server pushes changes in the area without waiting for FramebufferUpdateRequests,
 * paced by fences. A server confirms support with an EndOfContinuousUpdates message once the client announces
 * {@link EncodingType#CONTINUOUS_UPDATES}.
 */
public record EnableContinuousUpdates(boolean enable, int x, int y, int width, int height) implements ClientMessage {
    public static final int LENGTH = 10;

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put((byte) ClientMessageType.ENABLE_CONTINUOUS_UPDATES)
                .put((byte) (enable ? 1 : 0))
                .putShort((short) x).putShort((short) y).putShort((short) width).putShort((short) height).array();
    }
}
