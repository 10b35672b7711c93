package dev.ums.protocol.tunnel;

import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tls.CertificatePinMismatch;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Turns the ways a tunnel or REST connection can fail into one sentence for the user. The host is quoted as
 * {@link PeerText} shows it, at most {@value #MAX_HOST} characters: the address may come from the peer (a tunnel URL
 * the server named). Any thread.
 */
public final class TunnelFailures {
    /** A DNS name is at most 253 characters. */
    static final int MAX_HOST = 253;

    private TunnelFailures() {
    }

    /** {@code host:port} of {@code uri} as a sentence quotes it (port 443 when the URI names none). */
    public static String where(URI uri) {
        return host(uri) + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
    }

    private static String host(URI uri) {
        return PeerText.of(uri.getHost(), MAX_HOST);
    }

    public static String describe(URI uri, Throwable cause) {
        return describe("the tunnel", uri, cause);
    }

    /** As {@link #describe(URI, Throwable)}, naming what was at {@code uri} ("the tunnel", "the gateway"). */
    public static String describe(String what, URI uri, Throwable cause) {
        String where = where(uri);
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException || root instanceof ConnectException) {
                break;
            }
            root = root.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            return refused(what, where, handshake.getResponse().statusCode());
        }
        if (cause instanceof ClientUpgrade.Refused refused) {
            return refused(what, where, refused.status());
        }
        if (CertificatePinMismatch.in(cause).isPresent()) {
            return "the certificate of " + where + " does not match the pinned fingerprint";
        }
        if (root instanceof SSLException || cause instanceof SSLException) {
            String message = root.getMessage() == null ? "" : root.getMessage();
            return "the TLS handshake with " + where + " failed: " + message;
        }
        // before a ConnectException: the JDK's HttpClient wraps a name it cannot resolve in one
        if (inChain(cause, UnknownHostException.class) || inChain(cause, UnresolvedAddressException.class)) {
            return "cannot find the host " + host(uri);
        }
        if (root instanceof ConnectException || cause instanceof ConnectException) {
            return "cannot connect to " + where + " (connection refused)";
        }
        if (root instanceof HttpTimeoutException || root instanceof SocketTimeoutException) {
            return where + " did not answer in time";
        }
        return "the connection to " + where + " failed: " + root;
    }

    private static boolean inChain(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String refused(String what, String where, int status) {
        if (status == 401 || status == 403) {
            return "the tunnel refused the session token (HTTP " + status + ")";
        }
        return what + " at " + where + " refused the connection (HTTP " + status + ")";
    }
}
