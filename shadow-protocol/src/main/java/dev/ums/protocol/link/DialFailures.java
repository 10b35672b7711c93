package dev.ums.protocol.link;

import java.net.SocketTimeoutException;
import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.glassfish.tyrus.core.HandshakeException;

/** Sorts the Tyrus client's dial failures into {@link LinkEnd}s. Any thread. */
final class DialFailures {
    private DialFailures() {
    }

    static LinkEnd classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException) {
                return new LinkEnd(LinkEnd.Kind.REFUSED, 401, "", java.time.Duration.ZERO, failure);
            }
            if (t instanceof HandshakeException handshake && handshake.getHttpStatusCode() >= 300) {
                return new LinkEnd(LinkEnd.Kind.REFUSED, handshake.getHttpStatusCode(), "", java.time.Duration.ZERO,
                        failure);
            }
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (failure.getCause() == null && message.startsWith("Handshake response not received")) {
            return LinkEnd.failed(LinkEnd.Kind.UNREACHABLE, new SocketTimeoutException(message));
        }
        return LinkEnd.failed(LinkEnd.Kind.UNREACHABLE, failure);
    }
}
