package dev.ums.viewer;

import dev.ums.rfb.ImplausibleLengthException;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;

/**
 * What ended a session's reader thread, as the session's typed failure: the server's own protocol failures as
 * they are, a closed connection, a failed connection, data the viewer could not handle, a missing part of the
 * viewer, an error of the viewer's own, a handshake that took too long. A pure function, for the reader thread.
 */
final class ReaderFailure {
    private ReaderFailure() {
    }

    static VncProtocolException of(Throwable e) {
        if (e instanceof VncProtocolException failure) {
            return failure;
        }
        if (e instanceof ImplausibleLengthException implausible) {
            return new VncProtocolException("The server sent an implausible " + implausible.length().field()
                    + " length (" + implausible.length().value() + " bytes).", e);
        }
        if (e instanceof EOFException eof) {
            return new VncServerClosedException(eof);
        }
        if (e instanceof IOException) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new VncProtocolException("The connection to the VNC server failed (" + reason + ").", e);
        }
        if (e instanceof LinkageError) {
            return new VncProtocolException("The viewer is incomplete: a part it needs is missing ("
                    + e.getMessage() + ").", e);
        }
        if (e instanceof Error && !(e instanceof OutOfMemoryError)) {
            return new VncProtocolException("The VNC session failed on an internal error of the viewer ("
                    + e.getClass().getSimpleName() + ").", e);
        }
        return new VncProtocolException("The VNC session failed on unexpected data from the server.", e);
    }

    /** The server did not complete the handshake within {@code limit}. */
    static VncProtocolException handshakeTimedOut(Duration limit) {
        return new VncProtocolException("The VNC server did not complete the connection within "
                + (limit.toMillis() < 1000 ? limit.toMillis() + " ms." : limit.toSeconds() + " s."));
    }
}
