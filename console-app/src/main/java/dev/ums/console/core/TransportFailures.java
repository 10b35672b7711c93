package dev.ums.console.core;

import dev.ums.console.core.ImiException.Kind;
import dev.ums.protocol.tls.CertificatePinMismatch;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Turns what the JDK's HTTP client throws before an answer arrives into one sentence for the user. Any thread. */
final class TransportFailures {
    private TransportFailures() {
    }

    static ImiException describe(ServerAddress server, IOException failure) {
        var mismatch = CertificatePinMismatch.in(failure);
        if (mismatch.isPresent()) {
            return new ImiException(Kind.CERTIFICATE_MISMATCH, 0, "the server's certificate does not match the pinned "
                    + "fingerprint (" + server + " presents " + mismatch.get().presented() + ")", failure);
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return new ImiException(Kind.UNREACHABLE, 0,
                    "cannot connect to " + server + " (no answer to the connection attempt)", failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new ImiException(Kind.UNREACHABLE, 0, "the server at " + server + " did not answer in time",
                    failure);
        }
        if (find(failure, ConnectException.class) != null || find(failure, UnresolvedAddressException.class) != null
                || find(failure, UnknownHostException.class) != null
                || find(failure, NoRouteToHostException.class) != null) {
            return new ImiException(Kind.UNREACHABLE, 0, "cannot connect to " + server, failure);
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
