package dev.ums.console.core;

import dev.ums.console.core.ImiException.Reason;
import dev.ums.protocol.tls.CertificatePinMismatch;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Turns what a connection to the server throws before an answer arrives (OkHttp's calls, a bare TLS handshake) into
 * a typed {@link ImiException}. Any thread.
 */
final class TransportFailures {
    private TransportFailures() {
    }

    /**
     * @param connected whether the TCP and TLS connection had been made when {@code failure} happened, so that a
     *                  timeout is told apart as no answer to the connection attempt or no answer to the request
     */
    static ImiException describe(ServerAddress server, IOException failure, boolean connected) {
        var mismatch = CertificatePinMismatch.in(failure);
        if (mismatch.isPresent()) {
            return ImiException.serverCertificateMismatch(server, mismatch.get().presented(), failure);
        }
        if (find(failure, ConnectException.class) != null || find(failure, UnresolvedAddressException.class) != null
                || find(failure, UnknownHostException.class) != null
                || find(failure, NoRouteToHostException.class) != null) {
            return ImiException.atServer(Reason.SERVER_UNREACHABLE, server, 0, null, failure);
        }
        if (failure instanceof InterruptedIOException) {
            return ImiException.atServer(connected ? Reason.ANSWER_TIMED_OUT : Reason.CONNECT_TIMED_OUT, server, 0,
                    null, failure);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return ImiException.atServer(Reason.TLS_FAILED, server, 0, tls.getMessage(), failure);
        }
        return ImiException.atServer(Reason.CONNECTION_FAILED, server, 0,
                failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage(), failure);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
