package dev.ums.protocol.link;

import dev.ums.protocol.json.WireJson;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * How a {@link ControlLink} dials and keeps its connection. Immutable.
 *
 * @param uri            the ws:// or wss:// address
 * @param headers        request headers of the upgrade (a credential, an Authorization)
 * @param ssl            the TLS context for wss:// (a pinned one), or null for the JDK's default
 * @param firstDelay     the first reconnect delay; it doubles up to {@code maxDelay}
 * @param maxDelay       the longest reconnect delay
 * @param connectTimeout the limit for TCP, TLS and the upgrade together, for a dial after a connection opened
 * @param maxConnectTimeout the longest limit: each dial in a row that ran out of time doubles the next one's limit up
 *                       to this ({@link DialLimit}); equal to {@code connectTimeout} for a fixed limit
 * @param heartbeat      the heartbeat interval from the start of each connection, or null for none until the user
 *                       calls {@link ControlLink#beatEvery}
 * @param silenceLimit   a connection on which nothing arrived for this long is left
 * @param holdOff        how often {@link LinkListener#withheld} is asked again while it answers a sentence
 * @param threadName     the name of the link's own thread
 */
public record LinkSettings(URI uri, Map<String, String> headers, SSLContext ssl, Duration firstDelay,
                           Duration maxDelay, Duration connectTimeout, Duration maxConnectTimeout, Duration heartbeat,
                           Duration silenceLimit, Duration holdOff, String threadName) {
    /** A text message is at most this many characters; a larger one ends the connection. */
    public static final int MAX_MESSAGE_CHARS = WireJson.MAX_MESSAGE_CHARS;
    /** At most this many messages wait to be sent; a peer that lets more pile up has stopped reading. */
    public static final int MAX_QUEUED = 1024;

    public LinkSettings {
        headers = Map.copyOf(headers);
        if (maxConnectTimeout.compareTo(connectTimeout) < 0) {
            throw new IllegalArgumentException("maxConnectTimeout " + maxConnectTimeout + " is below connectTimeout "
                    + connectTimeout);
        }
    }

    /** Settings whose every dial has the same limit, {@code connectTimeout}. */
    public LinkSettings(URI uri, Map<String, String> headers, SSLContext ssl, Duration firstDelay, Duration maxDelay,
                        Duration connectTimeout, Duration heartbeat, Duration silenceLimit, Duration holdOff,
                        String threadName) {
        this(uri, headers, ssl, firstDelay, maxDelay, connectTimeout, connectTimeout, heartbeat, silenceLimit, holdOff,
                threadName);
    }
}
