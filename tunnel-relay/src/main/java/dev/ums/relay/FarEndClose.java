package dev.ums.relay;

import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.util.Optional;

/**
 * What the far end of an endpoint the server holds said when it closed the stream: a typed end (the person at the
 * device pressed Disconnect), else a reason in words (a gateway shutting down), else nothing. Read once the stream
 * ended; any thread.
 */
public interface FarEndClose {
    /** An endpoint whose far end says nothing (a TLS connection straight to a device). */
    FarEndClose NONE = of(Optional.empty(), null);

    Optional<SessionEnd> typed();

    /** The far end's reason in words, or null. */
    String reason();

    /** What a tunnel's WebSocket close said: its close code and reason. */
    static FarEndClose of(WebSocketEndpoint tunnel) {
        return new FarEndClose() {
            @Override
            public Optional<SessionEnd> typed() {
                return tunnel.endedWith();
            }

            @Override
            public String reason() {
                return tunnel.closeReason();
            }
        };
    }

    /** A fixed answer. */
    static FarEndClose of(Optional<SessionEnd> typed, String reason) {
        return new FarEndClose() {
            @Override
            public Optional<SessionEnd> typed() {
                return typed;
            }

            @Override
            public String reason() {
                return reason;
            }
        };
    }
}
