package dev.ums.relay;

import dev.ums.protocol.tunnel.TunnelSide;
import java.nio.ByteBuffer;

/**
 * Sees a relayed session's bytes as they pass, for a session recording. Called on the relay's threads (Jetty's
 * WebSocket threads, an {@link EndpointPeer}'s reader) with every frame before it is sent on, so it must not
 * block or wait for a disk: copy what it needs and return. The buffer is valid only during the call.
 */
public interface RelayTap {
    /** A frame {@code from} one side, about to be sent to the other; read it without changing its position. */
    void bytes(TunnelSide from, ByteBuffer frame);

    /** The session ended, once, for {@code reason}. */
    void ended(String reason);

    /** A tap that sees nothing. */
    RelayTap NONE = new RelayTap() {
        @Override
        public void bytes(TunnelSide from, ByteBuffer frame) {
        }

        @Override
        public void ended(String reason) {
        }
    };
}
