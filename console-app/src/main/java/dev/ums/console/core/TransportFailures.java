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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Turns what the JDK's HTTP client throws before an answer arrives into one sentence for the user. */
final class TransportFailures {
    private static final Pattern ACTUAL = Pattern.compile("got ([0-9a-f]{64})");

    private TransportFailures() {
    }

    static ImiException describe(ServerAddress server, IOException failure) {
        CertificatePinMismatch mismatch = find(failure, CertificatePinMismatch.class);
        if (mismatch != null || messageMentions(failure, CertificatePinMismatch.MARKER)) {
            return new ImiException(Kind.CERTIFICATE_MISMATCH, 0, pinSentence(server, mismatch), failure);
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

    private static String pinSentence(ServerAddress server, CertificatePinMismatch mismatch) {
        String sentence = "the server's certificate does not match the pinned fingerprint";
        if (mismatch != null) {
            Matcher actual = ACTUAL.matcher(String.valueOf(mismatch.getMessage()));
            if (actual.find()) {
                return sentence + " (" + server + " presents " + actual.group(1) + ")";
            }
        }
        return sentence + " (" + server + ")";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean messageMentions(Throwable failure, String marker) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
