package dev.ums.relay;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One side of a relayed session as the relay sees it: a tunnel WebSocket, or a byte stream the server opened
 * itself ({@link EndpointPeer}). The relay asks it for the next frame with {@link #demand()} only after the
 * previous one was written to the other side, and sends it at most one frame at a time.
 */
public interface RelayPeer {
    /** Asks for the next frame; it arrives through the session's {@code forward}. */
    void demand();

    /** Writes one frame; {@code callback} completes when it was written (or failed). */
    void sendBinary(ByteBuffer payload, Callback callback);

    /** Ends this side with a reason for its far end. */
    void close(int code, String reason);

    boolean isOpen();

    /** A tunnel WebSocket as a peer. */
    static RelayPeer of(Session session) {
        return new RelayPeer() {
            @Override
            public void demand() {
                session.demand();
            }

            @Override
            public void sendBinary(ByteBuffer payload, Callback callback) {
                session.sendBinary(payload, callback);
            }

            @Override
            public void close(int code, String reason) {
                session.close(code, reason, Callback.NOOP);
            }

            @Override
            public boolean isOpen() {
                return session.isOpen();
            }
        };
    }
}
