package dev.ums.console.core;

import dev.ums.console.core.ImiException.Kind;
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
 * a typed {@link ImiException} with one sentence for the user. Any thread.
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
            String presented = mismatch.get().presented();
            return ImiException.certificateMismatch(presented, "the server's certificate does not match the pinned "
                    + "fingerprint (" + server + " presents " + presented + ")", failure);
        }
        if (find(failure, ConnectException.class) != null || find(failure, UnresolvedAddressException.class) != null
                || find(failure, UnknownHostException.class) != null
                || find(failure, NoRouteToHostException.class) != null) {
            return new ImiException(Kind.UNREACHABLE, 0, "cannot connect to " + server, failure);
        }
        if (failure instanceof InterruptedIOException) {
            return new ImiException(Kind.UNREACHABLE, 0, connected
                    ? "the server at " + server + " did not answer in time"
                    : "cannot connect to " + server + " (no answer to the connection attempt)", failure);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new ImiException(Kind.UNREACHABLE, 0, "the TLS handshake with " + server
                    + " failed (is it a UMS server speaking HTTPS?): " + tls.getMessage(), failure);
        }
        return new ImiException(Kind.UNREACHABLE, 0, "the connection to " + server + " failed: "
                + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()), failure);
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
