package dev.ums.rfb;

/**
 * EnableContinuousUpdates: the server pushes changes in the area without waiting for FramebufferUpdateRequests,
 * paced by fences. A server confirms support with an EndOfContinuousUpdates message once the client announces
 * {@link EncodingType#CONTINUOUS_UPDATES}.
 */
public record EnableContinuousUpdates(boolean enable, int x, int y, int width, int height) implements ClientMessage {
    public static final int LENGTH = FramebufferUpdateRequest.LENGTH;

    @Override
    public byte[] encode() {
        return FramebufferUpdateRequest.encodeArea(MessageType.ENABLE_CONTINUOUS_UPDATES, enable, x, y, width, height);
    }
}
