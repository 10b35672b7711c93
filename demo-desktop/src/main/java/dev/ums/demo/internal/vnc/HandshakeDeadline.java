package dev.ums.demo.internal.vnc;

import java.io.IOException;
import java.time.Duration;

/**
 * How long a client may take over the RFB handshake, from the server's greeting to its ServerInit: the transport
 * arms it before the session starts (its reads fail at the deadline) and the session lifts it once the client is a
 * viewer, who may then stay quiet as long as it likes. A client that connects and says nothing would otherwise hold a
 * viewer's place and a thread for ever. Called on the session's reader thread only.
 */
public interface HandshakeDeadline {
    /** No limit: for transports that cannot time out a read, such as a pipe in a test. */
    HandshakeDeadline NONE = new HandshakeDeadline() {
        @Override
        public Duration limit() {
            return Duration.ZERO;
        }

        @Override
        public void lift() {
        }
    };

    /** The time the client has: a read still waiting at the deadline fails with a SocketTimeoutException. */
    Duration limit();

    /** The handshake is done: reads may wait without a limit from now on. */
    void lift() throws IOException;
}
